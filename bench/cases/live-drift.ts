import { resolve } from "node:path";
import type { DataSource } from "typeorm";
import { diff, dialectModule, readSchema, renderStatements } from "../../lib";
import { introspect } from "../../lib/introspect";

// Run as its own process, with BENCH_DB naming a database TypeORM has synchronized:
//   node dist/bench/cases/live-drift.js <data-source.js>
// Our counterpart of TypeORM's schema builder on an unchanged database: the live schema read
// back and compared with the entities. Every statement it would emit is spurious.

async function main(): Promise<void> {
    const dataSource = (require(resolve(process.argv[2])) as { default: DataSource }).default;
    await dataSource.initialize();
    try {
        const entities = await readSchema(dataSource);
        const live = await introspect(dataSource, { reference: entities });
        const ops = diff(live, entities);
        const statements = renderStatements(dialectModule(entities.dialect), live, ops).flatMap((s) => s.statements);
        const reasons = ops.slice(0, 5).flatMap((op) => op.reasons);
        process.stdout.write(`${JSON.stringify({ ops: ops.length, statements: statements.length, reasons })}\n`);
    } finally {
        await dataSource.destroy();
    }
}

void main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
});
