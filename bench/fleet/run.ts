import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeMachine } from "../machine";
import { killChildren } from "./cli-process";
import { writeFleetFixture } from "./fixture";
import { dropAllDatabases } from "./fleets";
import { measureCase } from "./measure-case";
import { caseNames, parseFleetOptions } from "./options";
import { renderFleetReport, type CaseResults, type FleetResults } from "./report";
import { writeReport } from "../report/write-report";

// `npm run bench:fleet [-- --targets 200 --runs 3 --parallel 1,8 --out file.md]`: the fleet benchmark
// of issue 15, see BENCHMARKS.md ("Fleets"). Everything it makes (a scratch folder, databases named
// tm_bench_fleet_<random>_...) is removed on the way out, also on Ctrl-C.

const progress = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
    const argv = process.argv.slice(2);
    const options = parseFleetOptions(argv);
    const scratch = mkdtempSync(join(tmpdir(), "tm-bench-fleet-"));
    // Once, whichever comes first: a signal, or the end of main (which a signal also brings about, by killing the CLI).
    let cleaning: Promise<void> | undefined;
    const cleanup = () =>
        (cleaning ??= (async () => {
            killChildren();
            await dropAllDatabases();
            if (!options.keep) rmSync(scratch, { recursive: true, force: true });
        })());
    process.once("SIGINT", () => void cleanup().finally(() => process.exit(130)));
    process.once("SIGTERM", () => void cleanup().finally(() => process.exit(143)));
    try {
        const machine = await describeMachine();
        progress(`scratch folder ${scratch}`);
        const fixture = writeFleetFixture(
            scratch,
            options.cases.map((name) => caseNames[name]),
        );
        const cases: CaseResults[] = [];
        for (const name of options.cases) {
            progress(`${name}: ${options.targets} targets`);
            const samples = await measureCase(caseNames[name], { fixture, targets: options.targets, runs: options.runs, parallel: options.parallel, progress });
            cases.push({ name, samples });
        }
        const results: FleetResults = {
            machine,
            date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
            command: ["npm run bench:fleet", ...(argv.length > 0 ? ["--", ...argv] : [])].join(" "),
            targets: options.targets,
            runs: options.runs,
            parallel: options.parallel,
            cases,
        };
        const report = renderFleetReport(results);
        writeReport(report, results, options.out);
    } finally {
        await cleanup();
    }
}

void main().catch((error: unknown) => {
    process.stderr.write(`bench:fleet failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
});
