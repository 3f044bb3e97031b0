import { resolve } from "node:path";
import { DataSource, type DataSourceOptions } from "typeorm";
import { diff, readSchema, type Schema } from "../../lib";

// Run as its own process per fixture size (so one size's heap never slows the next):
//   node dist/bench/cases/library-probe.js <postgres.js> <differ runs> <reader runs>
// Prints one JSON line: milliseconds per run of TypeORM's metadata build, our reader on the
// built metadata, and the differ on two snapshots (the entities, and them with one column widened).

export interface LibraryTimes {
    readonly buildMetadataMs: number[];
    readonly readSchemaMs: number[];
    readonly diffChangedMs: number[];
    readonly diffSameMs: number[];
    readonly changedOps: number;
}

async function timed<T>(work: () => Promise<T> | T): Promise<[number, T]> {
    const started = process.hrtime.bigint();
    const result = await work();
    return [Number(process.hrtime.bigint() - started) / 1e6, result];
}

/** The fixture's one changed column, made on the snapshot itself: `bench_00000.name` widened. */
function widened(schema: Schema): Schema {
    const columns = schema.columns.map((c) => (c.table === "bench_00000" && c.name === "name" ? { ...c, length: "160" } : c));
    return { ...schema, columns };
}

async function readTimes(options: DataSourceOptions, runs: number): Promise<{ build: number[]; read: number[]; schema: Schema }> {
    const build: number[] = [];
    const read: number[] = [];
    let schema: Schema | undefined;
    for (let i = 0; i < runs; i++) {
        const dataSource = new DataSource(options);
        build.push((await timed(() => (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas()))[0]);
        // On built metadata the reader skips the build: this is our share alone.
        const [ms, result] = await timed(() => readSchema(dataSource));
        read.push(ms);
        schema = result;
    }
    return { build, read, schema: schema as Schema };
}

async function main(): Promise<void> {
    const [dataSourceFile, differRunsText, readerRunsText] = process.argv.slice(2);
    const options = (require(resolve(dataSourceFile)) as { default: DataSource }).default.options;
    const reader = await readTimes(options, Math.max(1, Number(readerRunsText)));
    const from = reader.schema;
    const to = widened(from);
    const times: LibraryTimes = { buildMetadataMs: reader.build, readSchemaMs: reader.read, diffChangedMs: [], diffSameMs: [], changedOps: 0 };
    for (let i = 0; i < Number(differRunsText); i++) {
        const [changedMs, ops] = await timed(() => diff(from, to));
        if (ops.length !== 1) throw new Error(`expected one op for one widened column, got ${ops.map((op) => op.kind).join(", ")}`);
        times.diffChangedMs.push(changedMs);
        times.diffSameMs.push((await timed(() => diff(from, from)))[0]);
        (times as { changedOps: number }).changedOps = ops.length;
    }
    process.stdout.write(`${JSON.stringify(times)}\n`);
}

void main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
});
