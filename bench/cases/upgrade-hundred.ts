import { join } from "node:path";
import type { Fixture } from "../fixture/write-fixture";
import type { TimedCase } from "../measure/interleave";
import { expectStatus } from "../measure/run-process";
import type { Sample } from "../measure/sample";
import { appliedMigrations, createDatabase, dropDatabase } from "../servers";
import { benchChild, ours, typeorm, type Workspace } from "./tools";

/**
 * `upgrade` of `count` small migrations against TypeORM's `migration:run` of the same compiled
 * files, each run on a fresh PostgreSQL database made and dropped outside the timing.
 */
export function upgradeCases(ws: Workspace, fixture: Fixture, count: number): TimedCase<Sample>[] {
    const root = join(ws.scratch, "hundred-migrations");
    const bindDir = join(root, "default");
    expectStatus(benchChild(ws, "write-migrations", [fixture.dataSource("postgres"), bindDir, String(count)]), [0], "write migrations");
    const onFreshDatabase = (name: string, command: (env: Record<string, string>) => ReturnType<typeof ours>): TimedCase<Sample> => {
        let database = "";
        return {
            name,
            prepare: async () => {
                database = await createDatabase("postgres");
            },
            run: async () => {
                const run = expectStatus(command({ BENCH_DB: database, BENCH_MIGRATIONS: join(bindDir, "*.js") }), [0], name);
                const applied = await appliedMigrations(database);
                if (applied !== count) throw new Error(`${name} applied ${applied} of ${count}:\n${run.stdout.slice(-1500)}`);
                return { ms: run.ms, peakMb: run.peakMb };
            },
            cleanup: async () => dropDatabase(database),
        };
    };
    return [
        onFreshDatabase("typeorm-migrate upgrade", (env) => ours(ws, ["upgrade", "-d", fixture.dataSource("postgres"), "--dir", root], env)),
        onFreshDatabase("typeorm migration:run", (env) => typeorm(ws, ["migration:run", "-d", fixture.dataSource("postgres")], env)),
    ];
}
