import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { measureSize } from "./cases/measure-size";
import { ours, type Workspace } from "./cases/tools";
import { upgradeCases } from "./cases/upgrade-hundred";
import { writeFixture } from "./fixture/write-fixture";
import { describeMachine } from "./machine";
import { interleave } from "./measure/interleave";
import { expectStatus } from "./measure/run-process";
import { median } from "./measure/stats";
import { parseOptions, planFor } from "./options";
import { renderReport } from "./report/markdown";
import type { BenchResults, SizeResults } from "./report/results";
import { dropAll } from "./servers";
import { writeReport } from "./report/write-report";

// `npm run bench [-- --quick]`: see BENCHMARKS.md. Everything it makes (a scratch folder,
// databases named tm_bench_<random>) is removed on the way out, also on Ctrl-C.

const progress = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
    const options = parseOptions(process.argv.slice(2));
    const ws: Workspace = { scratch: mkdtempSync(join(tmpdir(), "tm-bench-")) };
    const cleanup = async () => {
        await dropAll();
        if (!options.keep) rmSync(ws.scratch, { recursive: true, force: true });
    };
    process.once("SIGINT", () => void cleanup().finally(() => process.exit(130)));
    try {
        const machine = await describeMachine();
        progress(`scratch folder ${ws.scratch}`);
        const help = await interleave([{ name: "help", run: async () => expectStatus(ours(ws, ["--help"]), [0], "--help").ms }], options.runs, progress);
        const sizes: SizeResults[] = [];
        for (const tables of options.sizes) {
            progress(`${tables} tables: writing entities`);
            const fixture = writeFixture(join(ws.scratch, `tables-${tables}`), tables);
            sizes.push(await measureSize(ws, fixture, { ...planFor(options, tables), progress }));
        }
        progress("upgrade of 100 migrations");
        const upgradeFixture = writeFixture(join(ws.scratch, "upgrade-fixture"), 100);
        const [oursCase, typeormCase] = upgradeCases(ws, upgradeFixture, 100);
        const upgrade = await interleave([oursCase, typeormCase], options.runs, progress);
        const medianMs = (name: string) => median((upgrade.get(name) ?? []).map((s) => s.ms));
        const results: BenchResults = {
            sizes,
            machine,
            runs: options.runs,
            quick: options.quick,
            helpMs: median(help.get("help") ?? []),
            upgrade: { migrations: 100, oursMs: medianMs(oursCase.name), typeormMs: medianMs(typeormCase.name) },
        };
        const report = renderReport(results);
        writeReport(report, results, options.out);
    } finally {
        await cleanup();
    }
}

void main().catch((error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
});
