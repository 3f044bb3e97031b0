import { join } from "node:path";
import type { Fixture } from "../fixture/write-fixture";
import type { TimedCase } from "../measure/interleave";
import { expectStatus } from "../measure/run-process";
import type { Sample } from "../measure/sample";
import type { ServerName } from "../report/results";
import { createDatabase, dropDatabase } from "../servers";
import { benchChild, typeorm, typeormUpStatements, type Workspace } from "./tools";

export interface SynchronizedServer {
    readonly server: ServerName;
    readonly synchronizeMs: number;
    /** What TypeORM's schema builder wants to run on the database it has just synchronized. */
    readonly typeormSpurious: number;
    /** What our introspection finds different between that database and the entities. */
    readonly oursSpurious: number;
    /** TypeORM's `migration:generate --dryrun` with one changed column, timed. */
    readonly generate: TimedCase<Sample>;
    drop(): Promise<void>;
}

/** A database TypeORM synchronizes from the fixture's entities, and the cases run against it. */
export async function synchronizedServer(ws: Workspace, fixture: Fixture, server: ServerName): Promise<SynchronizedServer> {
    const database = await createDatabase(server);
    const env = { BENCH_DB: database };
    const sync = expectStatus(typeorm(ws, ["schema:sync", "-d", fixture.dataSource(server)], env), [0], `typeorm schema:sync ${server}`);
    const out = join(ws.scratch, "typeorm-out", "BenchChange");
    const dryrun = (changed: boolean) => typeorm(ws, ["migration:generate", out, "--dryrun", "-d", fixture.dataSource(server, changed)], env);
    const unchanged = expectStatus(dryrun(false), [0, 1], `typeorm migration:generate ${server}`);
    const drift = expectStatus(benchChild(ws, "live-drift", [fixture.dataSource(server)], env), [0], `live drift ${server}`);
    return {
        server,
        synchronizeMs: sync.ms,
        typeormSpurious: typeormUpStatements(unchanged.stdout),
        oursSpurious: (JSON.parse(drift.stdout) as { statements: number }).statements,
        generate: {
            name: `typeorm migration:generate (${server})`,
            run: async () => {
                const run = expectStatus(dryrun(true), [0], `typeorm migration:generate ${server}`);
                if (typeormUpStatements(run.stdout) === 0) throw new Error(`typeorm on ${server} saw no change`);
                return { ms: run.ms, peakMb: run.peakMb };
            },
        },
        drop: () => dropDatabase(database),
    };
}
