import type { Column, ForeignKey, Index, Schema } from "../../schema/model";

/**
 * What TypeORM's `synchronize()` leaves out or changes on MySQL and MariaDB, applied to the schema
 * read from the entities, so that the model is the database synchronize() builds:
 * - no CHECK constraints: the schema builder skips them on the MySQL family (its query runner
 *   refuses to create one), even though MySQL 8.0.16+ and MariaDB 10.2+ enforce them;
 * - indexes without a predicate, method, CONCURRENTLY or null filter, which its MySQL query runner
 *   never writes (a partial `@Index({ where })` is a plain index here);
 * - no spatial subtype or SRID on a column (not written either);
 * - a computed column on the `mariadb` driver is nullable: MariaDB refuses NULL / NOT NULL on one,
 *   so TypeORM writes neither and the server makes it nullable;
 * - a column generated as `identity` or `rowid` is a plain column: its query runner writes
 *   AUTO_INCREMENT for `increment` only;
 * - no foreign key is deferrable: its query runner leaves DEFERRABLE out (MySQL has none), so
 *   entities shared with a PostgreSQL data source synchronize as they are.
 * Uniques arrive as unique indexes already: TypeORM's metadata builder turns them into indexes
 * for the MySQL family.
 */
export function asMysqlSynchronizes(schema: Schema, server: { readonly mariadb: boolean }): Schema {
    return {
        ...schema,
        checks: [],
        indexes: schema.indexes.map(plainIndex),
        columns: schema.columns.map((column) => plainColumn(column, server.mariadb)),
        foreignKeys: schema.foreignKeys.map(immediateForeignKey),
    };
}

function plainIndex(index: Index): Index {
    return { ...index, where: null, type: null, concurrent: false, nullFiltered: false };
}

function plainColumn(column: Column, mariadb: boolean): Column {
    const computedOnMariadb = mariadb && column.asExpression !== null;
    const plainKey = column.generated === "identity" || column.generated === "rowid";
    const generation = plainKey ? { generated: null, identity: null } : {};
    return { ...column, spatialFeatureType: null, srid: null, nullable: column.nullable || computedOnMariadb, ...generation };
}

function immediateForeignKey(fk: ForeignKey): ForeignKey {
    return fk.deferrable === null ? fk : { ...fk, deferrable: null };
}
