import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeMachine } from "../machine";
import { dropAllDatabases, dropDatabase } from "./databases";
import { writeOnlineFixture } from "./fixture";
import { measureUpgrade, type UpgradeSample } from "./measure-upgrade";
import { parseOnlineOptions } from "./options";
import { expectSuccess, killChildren, runNode } from "./processes";
import { renderOnlineReport, type OnlineResults, type ServerResults } from "./report";
import { planServer, variantNames, type VariantName } from "./variants";
import { writeReport } from "../report/write-report";

// `npm run bench:online [-- --rows N --runs N --servers postgres,mariadb]`: the write-stall
// benchmark of issue 14, see BENCHMARKS.md ("Online migrations"). Everything it makes (a scratch
// folder, databases named tm_bench_online_<random>) is removed on the way out, also on Ctrl-C.

const progress = (line: string) => process.stderr.write(`${line}\n`);
// A parent that stops reading (a test runner exiting) must not stop the cleanup with EPIPE.
process.stderr.on("error", () => undefined);
process.stdout.on("error", () => undefined);

async function main(): Promise<void> {
    const options = parseOnlineOptions(process.argv.slice(2));
    const scratch = mkdtempSync(join(tmpdir(), "tm-bench-online-"));
    const cleanup = async () => {
        killChildren();
        await dropAllDatabases();
        if (!options.keep) rmSync(scratch, { recursive: true, force: true });
    };
    process.once("SIGINT", () => void cleanup().finally(() => process.exit(130)));
    process.once("SIGTERM", () => void cleanup().finally(() => process.exit(143)));
    try {
        const machine = await describeMachine();
        progress(`scratch folder ${scratch}`);
        const fixture = writeOnlineFixture(join(scratch, "fixture"));
        const servers: ServerResults[] = [];
        for (const kind of options.servers) {
            const plan = await planServer(kind, { scratch, fixture, rows: options.rows, progress });
            const samples: Record<VariantName, UpgradeSample[]> = { default: [], online: [], typeorm: [] };
            const noopUpgradeMs: Partial<Record<VariantName, number>> = {};
            for (let run = 1; run <= options.runs; run++) {
                for (const variant of variantNames) {
                    const database = await plan.freshV1Database();
                    try {
                        const sample = await measureUpgrade(kind, database, options.rows, plan.upgrade(variant, database), `${variant} upgrade`);
                        samples[variant].push(sample);
                        progress(
                            `${kind} ${variant} run ${run}: upgrade ${Math.round(sample.upgradeMs)} ms, longest stall ${Math.round(sample.during.maxMs)} ms at +${Math.round(sample.during.maxAtMs)} ms`,
                        );
                        if (variant !== "online" && run === 1) {
                            const noop = expectSuccess(await runNode(plan.upgrade(variant, database)), `${variant} no-op upgrade`);
                            noopUpgradeMs[variant] = noop.endedAt - noop.startedAt;
                        }
                    } finally {
                        await dropDatabase(database);
                    }
                }
            }
            await plan.dispose();
            servers.push({ kind, samples, noopUpgradeMs: { ours: noopUpgradeMs.default ?? Number.NaN, typeorm: noopUpgradeMs.typeorm ?? Number.NaN } });
        }
        const results: OnlineResults = { machine, rows: options.rows, runs: options.runs, servers };
        const report = renderOnlineReport(results);
        writeReport(report, results, options.out);
    } finally {
        await cleanup();
    }
}

void main().catch((error: unknown) => {
    process.stderr.write(`bench:online failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
});
