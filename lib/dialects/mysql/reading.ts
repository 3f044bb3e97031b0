import type { DialectReading } from "../reading";
import { asMysqlSynchronizes } from "./as-synchronized";
import { readMysql } from "./introspect/read-mysql";

/** MySQL (TypeORM's `mysql` driver, assumed to talk to MySQL 8.0). */
export const mysqlReading: DialectReading = {
    assumedServer: { version: "8.0.0" },
    // A name over 64 characters is refused; a primary key is always PRIMARY, an enum lives in its column.
    identifierLimit: { server: "MySQL and MariaDB", max: 64, unit: "characters", overLong: "refused", unseen: ["primaryKey", "enum"] },
    exclusions: false,
    materializedViews: false,
    // Another database is reached through a database-qualified name.
    otherDatabases: true,
    // TypeORM's metadata builder turns uniques into unique indexes for the MySQL family.
    uniquesAreIndexes: true,
    foreignKeysOfSchemaTables: true,
    // `'C:\path'` stores `C:path`.
    backslashEscapes: true,
    enumTypeName: () => null,
    uuidDefault: () => null,
    extensions: async () => [],
    asSynchronized: (schema) => asMysqlSynchronizes(schema, { mariadb: false }),
    introspect: readMysql,
    catalogKeeps: { onUpdate: true, comments: true, rowidStrategy: true, unsigned: true, fulltext: true },
};

/**
 * MariaDB (TypeORM's `mariadb` driver), whose versions (10.x, 11.x) TypeORM compares with MariaDB's
 * own thresholds; a computed column is nullable there.
 */
export const mariadbReading: DialectReading = {
    ...mysqlReading,
    assumedServer: { version: "10.11.0" },
    asSynchronized: (schema) => asMysqlSynchronizes(schema, { mariadb: true }),
};
