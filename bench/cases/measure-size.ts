import type { Fixture } from "../fixture/write-fixture";
import { interleave, type TimedCase } from "../measure/interleave";
import { expectStatus } from "../measure/run-process";
import type { Sample } from "../measure/sample";
import { max, median } from "../measure/stats";
import type { ServerName, SizeResults, TypeormResults } from "../report/results";
import { checkCaseName, generateCaseName, generateNoUnitsCaseName, metadataFloorCaseName, ourCommands } from "./our-commands";
import { benchChild, type Workspace } from "./tools";
import { synchronizedServer, type SynchronizedServer } from "./typeorm-generation";

export interface SizePlan {
    readonly runs: number;
    /** Runs of the metadata reader in-process (each builds TypeORM's metadata, slow at 10,000 tables). */
    readonly readerRuns: number;
    /** Servers TypeORM's generation is measured on at this size (none: skipped). */
    readonly servers: readonly ServerName[];
    readonly progress: (line: string) => void;
}

interface LibraryTimes {
    readonly buildMetadataMs: number[];
    readonly readSchemaMs: number[];
    readonly diffChangedMs: number[];
}

/** Every case of one schema size; the whole-process ones interleaved between the tools. */
export async function measureSize(ws: Workspace, fixture: Fixture, plan: SizePlan): Promise<SizeResults> {
    plan.progress(`${fixture.tables} tables: initial revision`);
    const commands = ourCommands(ws, fixture);
    const failure = "failure" in commands ? commands.failure : undefined;
    if (failure) plan.progress(`${fixture.tables} tables: ${failure}`);
    const ourCases = "failure" in commands ? [] : [commands.generate, commands.generateNoUnits, commands.metadataFloor, commands.check];
    const servers: SynchronizedServer[] = [];
    try {
        for (const server of plan.servers) {
            plan.progress(`${fixture.tables} tables: TypeORM synchronizes ${server}`);
            servers.push(await synchronizedServer(ws, fixture, server));
        }
        const cases: TimedCase<Sample>[] = [...ourCases.slice(0, 3), ...servers.map((s) => s.generate), ...ourCases.slice(3)];
        const samples = await interleave(cases, plan.runs, plan.progress);
        const of = (name: string) => samples.get(name) ?? [];
        plan.progress(`${fixture.tables} tables: differ and metadata reader in-process`);
        const library = expectStatus(
            benchChild(ws, "library-probe", [fixture.dataSource("postgres"), String(plan.runs), String(plan.readerRuns)]),
            [0],
            "library probe",
        );
        const times = JSON.parse(library.stdout) as LibraryTimes;
        const generate = of(generateCaseName);
        const floor = of(metadataFloorCaseName);
        const typeorm: Partial<Record<ServerName, TypeormResults>> = {};
        for (const s of servers) {
            const runs = of(s.generate.name);
            typeorm[s.server] = {
                generateMs: median(runs.map((r) => r.ms)),
                peakMb: max(runs.map((r) => r.peakMb)),
                spurious: s.typeormSpurious,
                synchronizeMs: s.synchronizeMs,
            };
        }
        return {
            tables: fixture.tables,
            oursFailure: failure,
            generateMs: median(generate.map((r) => r.ms)),
            generatePeakMb: max(generate.map((r) => r.peakMb)),
            bytesPerRevision: median(generate.map((r) => r.bytes ?? 0)),
            generateUnchangedOps: "failure" in commands ? undefined : commands.unchangedOps,
            checkMs: median(of(checkCaseName).map((r) => r.ms)),
            metadataFloorMs: median(floor.map((r) => r.ms)),
            generateNoUnitsMs: median(of(generateNoUnitsCaseName).map((r) => r.ms)),
            buildMetadataMs: median(times.buildMetadataMs),
            readSchemaMs: median(times.readSchemaMs),
            diffMs: median(times.diffChangedMs),
            typeorm,
            oursLiveSpurious: Object.fromEntries(servers.map((s) => [s.server, s.oursSpurious])),
        };
    } finally {
        for (const s of servers) await s.drop();
    }
}
