import type { DataSource } from "typeorm";
import { dialectForDriver } from "../dialects/registry";
import { canonicalize } from "../schema/canonical";
import type { Schema } from "../schema/model";
import { bookkeepingTables } from "../catalog/bookkeeping-tables";
import { IntrospectionError } from "../catalog/errors";
import type { IntrospectOptions } from "../catalog/options";
import { queryOn } from "../catalog/query";
import { adoptDeclarations } from "./reference";

/**
 * Reads the live database behind an initialized data source into the schema model, normalized as
 * the metadata reader normalizes entities: a database built by this tool's migrations reads back
 * as the snapshot of the revision it is at. TypeORM's migrations table, `typeorm_migrate_dirty`
 * and `typeorm_metadata` (whose rows become `metadataRows`) are left out.
 *
 * Runs on a connection of its own, inside a transaction that is rolled back: nothing is changed.
 *
 * @example
 * const ops = diff(await introspect(dataSource, { reference: snapshot }), snapshot);
 * if (ops.length > 0) console.log("drift:", ops.flatMap((op) => op.reasons));
 */
export async function introspect(dataSource: DataSource, options: IntrospectOptions = {}): Promise<Schema> {
    if (!dataSource.isInitialized) throw new IntrospectionError("introspect needs an initialized data source (call dataSource.initialize() first)");
    const { reading } = dialectForDriver(dataSource.options.type);
    const queryRunner = dataSource.createQueryRunner();
    try {
        await queryRunner.startTransaction();
        try {
            const read = await reading.introspect({ dataSource, query: queryOn(queryRunner), options, bookkeeping: bookkeepingTables(dataSource) });
            return canonicalize(adoptDeclarations(read, options.reference, reading.catalogKeeps));
        } finally {
            await queryRunner.rollbackTransaction();
        }
    } finally {
        await queryRunner.release();
    }
}
