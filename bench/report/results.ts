/** Medians (ms, MB, bytes) of one schema size; undefined where a case was skipped. */
export interface SizeResults {
    readonly tables: number;
    /** Set when our initial revision could not be written: our whole-process cases were skipped. */
    readonly oursFailure?: string;
    readonly generateMs: number;
    readonly generatePeakMb: number;
    readonly bytesPerRevision: number;
    /** Statements `generate` emits for unchanged entities (offline, against the head revision). */
    readonly generateUnchangedOps?: number;
    readonly checkMs: number;
    /**
     * `generate`'s process up to TypeORM's entity metadata and no further (Node, TypeORM, the entity
     * modules, the metadata build as `generate` does it): what any tool reading TypeORM's metadata pays.
     */
    readonly metadataFloorMs: number;
    /** `generate` with no entity units kept (a first run, or the first after an upgrade of TypeORM or this tool). */
    readonly generateNoUnitsMs?: number;
    readonly buildMetadataMs: number;
    readonly readSchemaMs: number;
    readonly diffMs: number;
    readonly typeorm: Partial<Record<ServerName, TypeormResults>>;
    /** Our live comparison of the TypeORM-synchronized database with the entities. */
    readonly oursLiveSpurious: Partial<Record<ServerName, number>>;
}

export type ServerName = "postgres" | "mariadb";

export interface TypeormResults {
    readonly generateMs: number;
    readonly peakMb: number;
    /** `up` statements of `migration:generate --dryrun` on the unchanged synchronized database. */
    readonly spurious: number;
    readonly synchronizeMs: number;
}

export interface BenchResults {
    readonly sizes: SizeResults[];
    readonly helpMs: number;
    readonly upgrade?: { readonly migrations: number; readonly oursMs: number; readonly typeormMs: number };
    readonly runs: number;
    readonly quick: boolean;
    readonly machine: Machine;
}

export interface Machine {
    readonly cpus: string;
    readonly nproc: number;
    readonly memoryGb: number;
    readonly node: string;
    readonly typeorm: string;
    readonly servers: string[];
}
