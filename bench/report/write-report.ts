import { writeFileSync } from "node:fs";

/** Prints a bench's Markdown report and, with `--out <file>`, writes it there and its results beside it as `<file>.json`. */
export function writeReport(report: string, results: unknown, out: string | undefined): void {
    process.stdout.write(report);
    if (out === undefined || out === "") return;
    writeFileSync(out, report);
    writeFileSync(`${out}.json`, `${JSON.stringify(results, null, 2)}\n`);
}
