import type { DialectReading } from "../reading";
import { readSqlite } from "./introspect/read-sqlite";

export const sqliteReading: DialectReading = {
    assumedServer: { version: "3.45.0" },
    // Any length.
    identifierLimit: null,
    exclusions: false,
    materializedViews: false,
    // Another database file is reached through ATTACH.
    otherDatabases: true,
    uniquesAreIndexes: false,
    // synchronize() makes the table of an entity with a `schema` (its own or the data source's) without
    // its foreign keys, then cannot find the table by its schema-qualified path to add them. Foreign
    // keys from other tables to it are made.
    foreignKeysOfSchemaTables: false,
    backslashEscapes: false,
    enumTypeName: () => null,
    uuidDefault: () => null,
    extensions: async () => [],
    asSynchronized: (schema) => schema,
    introspect: readSqlite,
    // Nowhere to keep a comment; INTEGER PRIMARY KEY is the rowid with or without AUTOINCREMENT.
    catalogKeeps: { onUpdate: false, comments: false, rowidStrategy: false, unsigned: false, fulltext: false },
};
