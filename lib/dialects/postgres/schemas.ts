import type { Statement } from "../dialect";
import { quoteIdentifier } from "./quote";

// IF NOT EXISTS, as synchronize() does: a schema or extension a DBA made beforehand is fine.
// The drops never CASCADE: one that something else still uses fails instead of taking it along.
// So the down of a first migration empties the database, yet cannot break a neighbour's objects.

export function emitCreateSchema(schema: string): Statement[] {
    return [{ sql: `CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}` }];
}

export function emitDropSchema(schema: string): Statement[] {
    return [{ sql: `DROP SCHEMA ${quoteIdentifier(schema)}` }];
}

export function emitCreateExtension(extension: string): Statement[] {
    return [{ sql: `CREATE EXTENSION IF NOT EXISTS ${quoteIdentifier(extension)}` }];
}

export function emitDropExtension(extension: string): Statement[] {
    return [{ sql: `DROP EXTENSION IF EXISTS ${quoteIdentifier(extension)}` }];
}
