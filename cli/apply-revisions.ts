import type { AppliedState, MigrationResult, RevisionStore } from "../lib/index";
import { connectUserDataSource, migrationsDir, say, type CommonArgs } from "./context";
import { CliError, ExitCode } from "./exit-codes";
import { lib } from "./lib";

const verbs = { up: "Applying", down: "Reverting" } as const;

/**
 * Connects, works out the target from the applied state, runs the migrations, and prints one line
 * per migration. A failed migration ends the command with exit 3 and names what ran.
 */
export async function applyRevisions(
    args: CommonArgs,
    direction: "up" | "down",
    chooseTarget: (store: RevisionStore, state: AppliedState) => string | null | undefined,
): Promise<number> {
    const { RevisionStore, Runner } = lib();
    const store = RevisionStore.open(migrationsDir(args));
    const dataSource = await connectUserDataSource(args);
    try {
        const runner = new Runner(dataSource, store);
        const state = await runner.state();
        const target = chooseTarget(store, state);
        if (target === undefined) {
            say("Nothing to downgrade: no revision is applied.");
            return ExitCode.ok;
        }
        const started = Date.now();
        const print = (result: MigrationResult) => say(describeResult(result, direction));
        const results = direction === "up" ? await runner.upgrade(target, print) : await runner.downgrade(target, print);
        if (results.length === 0) say(direction === "up" ? `Already at ${target ?? "<base>"}.` : `Already at ${target ?? "<base>"}.`);
        const failed = results.find((r) => r.status === "failed");
        if (failed) {
            const done = results.filter((r) => r.status !== "failed" && r.status !== "not-run").map((r) => r.revision);
            throw new CliError(
                `migration ${failed.revision} (${failed.name}) failed and was rolled back where the database allows: ${failed.error?.message.split("\n")[0]}` +
                (done.length > 0 ? `; completed before it: ${done.join(", ")}` : ""),
                ExitCode.failure,
            );
        }
        if (results.length > 0) say(`Done: ${results.length} migration(s) in ${Date.now() - started} ms.`);
        return ExitCode.ok;
    } finally {
        await dataSource.destroy();
    }
}

function describeResult(result: MigrationResult, direction: "up" | "down"): string {
    const what = `${verbs[direction]} ${result.revision} ${result.name}`;
    if (result.status === "failed") return `${what} ... FAILED`;
    if (result.status === "not-run") return `${what} ... not run`;
    return `${what} ... ok (${result.milliseconds} ms)`;
}
