import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { distRoot, repoRoot } from "./run-cli";
import { typeorm03Specs } from "./typeorm-0.3-suite";

/**
 * `npm test`: the whole suite against the project's TypeORM 1.x, then the real-database subset
 * against TypeORM 0.3, closed by one line with both runs' counts: `N passed, N failed`. Each run's
 * own summary line is printed with its name in front, so only the last line is the total.
 *
 * `node dist/spec/support/run-suites.js typeorm-0.3` runs only the second.
 */
interface Suite {
    readonly name: string;
    readonly args: readonly string[];
    /** Why the suite cannot run, if it cannot. */
    readonly missing?: string;
}

interface Counts {
    passed: number;
    failed: number;
}

const summaryLine = /^(\d+) passed, (\d+) failed$/;
const mocha = join(repoRoot, "node_modules", "mocha", "bin", "mocha.js");
const reporter = join(distRoot, "spec", "support", "summary-reporter.js");
const common = ["--no-config", "--reporter", reporter, "--timeout", "120000", "--exit"];

const typeorm1: Suite = { name: "typeorm 1.x", args: [...common, join(distRoot, "spec", "**", "*.spec.js")] };
const typeorm03: Suite = {
    name: "typeorm 0.3",
    args: [...common, "--require", join(distRoot, "spec", "support", "use-typeorm-0.3.js"), ...typeorm03Specs.map((spec) => join(distRoot, "spec", spec))],
    missing: existsSync(join(repoRoot, "compat", "typeorm-0.3", "node_modules", "typeorm", "package.json"))
        ? undefined
        : "compat/typeorm-0.3 is not installed: npm ci --prefix compat/typeorm-0.3",
};

/** Runs one mocha process, echoing its output; its summary line comes out prefixed and counted. */
function run(suite: Suite): Promise<Counts> {
    if (suite.missing) {
        process.stdout.write(`[${suite.name}] not run: ${suite.missing}\n`);
        return Promise.resolve({ passed: 0, failed: 1 });
    }
    return new Promise((resolve) => {
        const child = spawn(process.execPath, [mocha, ...suite.args], { cwd: repoRoot, stdio: ["inherit", "pipe", "inherit"] });
        let counts: Counts | undefined;
        let pending = "";
        const emit = (line: string) => {
            const match = summaryLine.exec(line);
            if (match) counts = { passed: Number(match[1]), failed: Number(match[2]) };
            process.stdout.write(match ? `[${suite.name}] ${line}\n` : `${line}\n`);
        };
        child.stdout.setEncoding("utf8");
        child.stdout.on("data", (chunk: string) => {
            const lines = (pending + chunk).split("\n");
            pending = lines.pop() ?? "";
            lines.forEach(emit);
        });
        child.on("close", (code, signal) => {
            if (pending) emit(pending);
            if (counts) return resolve(counts);
            // mocha stopped before its reporter's last line (a spec file that does not load): one failure.
            process.stdout.write(`[${suite.name}] mocha ended (${signal ?? `exit ${code}`}) without reporting its counts\n`);
            resolve({ passed: 0, failed: 1 });
        });
    });
}

async function main(): Promise<void> {
    const suites = process.argv[2] === "typeorm-0.3" ? [typeorm03] : [typeorm1, typeorm03];
    const total: Counts = { passed: 0, failed: 0 };
    for (const suite of suites) {
        const counts = await run(suite);
        total.passed += counts.passed;
        total.failed += counts.failed;
    }
    process.stdout.write(`${total.passed} passed, ${total.failed} failed\n`);
    process.exitCode = total.failed > 0 ? 1 : 0;
}

void main();
