import { spawn } from "node:child_process";
import { appendFileSync, existsSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import "reflect-metadata";
import { harnesses, mysqlHarnesses, type DialectHarness } from "../../spec/support/dialect-harness";
import { checkSet, type SetOutcome } from "./check-set";
import { prepareSet } from "./prepare";
import { entitySets } from "./sets";

// A sweep of TypeORM's own test suite: each test's entities through generate, upgrade, check and
// downgrade, compared with what synchronize() builds from them, on every dialect. One child
// process per set, so that no set sees another's decorators. Not part of the tests: it takes
// 15 to 20 minutes and reads a checkout of TypeORM that the repository does not hold.

const USAGE =
    "usage: node dist/tools/typeorm-suite/main.js <TypeORM's test folder> <results.jsonl> [--only <text in the set's path>] " +
    "[--dialects postgres,sqlite,mysql,mariadb] [--jobs 2]";

interface SetResult {
    readonly set: string;
    readonly skipped?: readonly string[];
    readonly dialects?: Readonly<Record<string, SetOutcome>>;
    readonly crashed?: string;
}

const harnessByName = new Map<string, DialectHarness>([...harnesses, ...mysqlHarnesses].map((harness) => [harness.name, harness]));
const workRoot = resolve(__dirname, "../../../.tmp/typeorm-suite");

async function sweepOne(testRoot: string, setDir: string, dialects: readonly string[]): Promise<SetResult> {
    const set = relative(testRoot, setDir);
    const prepared = prepareSet(setDir, join(workRoot, set.replace(/[^A-Za-z0-9]+/g, "_")));
    if (prepared.unfollowed.length > 0) return { set, skipped: prepared.unfollowed };
    const outcomes: Record<string, SetOutcome> = {};
    for (const name of dialects) {
        outcomes[name] = await checkSet(
            join(prepared.folder, "entity", "*.js"),
            harnessByName.get(name) as DialectHarness,
            join(prepared.folder, "migrations"),
        );
    }
    return { set, dialects: outcomes };
}

function runChild(testRoot: string, setDir: string, dialects: readonly string[]): Promise<SetResult> {
    return new Promise((done) => {
        const child = spawn(process.execPath, [__filename, "--one", testRoot, setDir, dialects.join(",")], { stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        const timer = setTimeout(() => child.kill("SIGKILL"), 180_000);
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.on("close", (code) => {
            clearTimeout(timer);
            try {
                done(JSON.parse(stdout.trim().split("\n").pop() ?? "") as SetResult);
            } catch {
                done({ set: relative(testRoot, setDir), crashed: `exit ${code}: ${stderr.slice(-600)}` });
            }
        });
    });
}

function summary(results: readonly SetResult[]): string {
    const counts = new Map<string, number>();
    const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
    for (const result of results) {
        if (result.skipped) count("skipped (imports the sweep cannot follow)");
        if (result.crashed) count("crashed");
        for (const [dialect, outcome] of Object.entries(result.dialects ?? {})) count(`${dialect}: ${outcome.status}`);
    }
    return [...counts].map(([key, n]) => `${key}: ${n}`).join("\n");
}

async function sweepAll(args: readonly string[]): Promise<void> {
    const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
    const [testRoot, resultsFile] = args;
    const dialects = option("--dialects", "postgres,sqlite,mariadb").split(",");
    const jobs = Number(option("--jobs", "2"));
    const unknown = dialects.find((name) => !harnessByName.has(name));
    if (testRoot === undefined || resultsFile === undefined || !existsSync(join(testRoot, "functional")) || unknown !== undefined || !(jobs >= 1)) {
        console.error(unknown === undefined ? USAGE : `unknown dialect "${unknown}" (postgres, sqlite, mysql, mariadb)`);
        process.exitCode = 1;
        return;
    }
    const only = option("--only", "");
    const sets = entitySets(resolve(testRoot)).filter((set) => set.includes(only));
    const results: SetResult[] = [];
    let next = 0;
    const worker = async () => {
        while (next < sets.length) {
            const result = await runChild(resolve(testRoot), sets[next++], dialects);
            results.push(result);
            appendFileSync(resultsFile, `${JSON.stringify(result)}\n`);
            if (results.length % 50 === 0) console.error(`${results.length}/${sets.length}`);
        }
    };
    await Promise.all(Array.from({ length: jobs }, worker));
    console.log(summary(results));
}

if (process.argv[2] === "--one") {
    const [testRoot, setDir, dialects] = process.argv.slice(3);
    sweepOne(testRoot, setDir, dialects.split(",")).then(
        (result) => {
            process.stdout.write(`\n${JSON.stringify(result)}\n`);
            process.exit(0);
        },
        (error: unknown) => {
            console.error(error);
            process.exit(1);
        },
    );
} else {
    void sweepAll(process.argv.slice(2));
}
