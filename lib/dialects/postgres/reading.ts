import type { DialectReading } from "../reading";
import { uuidGenerator } from "../../typeorm";
import { declaredEnumTypeName } from "./column-type";
import { extensionsFor } from "./extensions";
import { postgresIdentifierLimit } from "./identifier-limit";
import { asPostgresSynchronizes } from "./as-synchronized";
import { readPostgres } from "./introspect/read-postgres";

export const postgresReading: DialectReading = {
    // The server version TypeORM's version-dependent choices follow offline, and its default schema.
    assumedServer: { version: "15.0", schema: "public" },
    identifierLimit: postgresIdentifierLimit,
    exclusions: true,
    materializedViews: true,
    // A connection sees one database: TypeORM's driver leaves an entity's `database` out of the table's name.
    otherDatabases: false,
    uniquesAreIndexes: false,
    foreignKeysOfSchemaTables: true,
    backslashEscapes: false,
    enumTypeName: declaredEnumTypeName,
    // The query runner adds the uuid generator (uuid-ossp or pgcrypto) as the column default at CREATE time.
    uuidDefault: (dataSource) => uuidGenerator(dataSource),
    extensions: extensionsFor,
    asSynchronized: asPostgresSynchronizes,
    introspect: readPostgres,
    catalogKeeps: { onUpdate: false, comments: true, rowidStrategy: true, unsigned: false, fulltext: false },
};
