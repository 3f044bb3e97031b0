import type { Index } from "../../schema/model";
import type { Statement } from "../dialect";
import { qualifiedName, quoteIdentifier, quoteList, tableName } from "./quote";
import { indexMethodWord } from "./sql-words";

// CONCURRENTLY cannot run inside a transaction block.
const outsideTransaction = (index: Index) => (index.concurrent ? { transactional: false as const, refusedInTransaction: true as const } : {});

/**
 * `CREATE [UNIQUE] INDEX [CONCURRENTLY] "name" ON "schema"."table" [USING method] ("a", "b") [WHERE ...]`.
 * A spatial index is a GiST index, as TypeORM makes it; the WHERE predicate is SQL from the entity.
 * An index over expressions has its key list as the server printed it (`(lower((name)::text))`).
 */
export function emitCreateIndex(index: Index): Statement[] {
    const method = index.spatial ? "gist" : index.type;
    const sql = [
        `CREATE ${index.unique ? "UNIQUE " : ""}INDEX${index.concurrent ? " CONCURRENTLY" : ""} ${quoteIdentifier(index.name)}`,
        `ON ${tableName(index)}${method === null ? "" : ` USING ${indexMethodWord(method)}`} (${index.expression ?? quoteList(index.columns)})`,
        ...(index.where === null ? [] : [`WHERE ${index.where}`]),
    ].join(" ");
    return [{ sql, ...outsideTransaction(index) }];
}

/** An index lives in its table's schema. */
export function emitDropIndex(index: Index): Statement[] {
    const sql = `DROP INDEX${index.concurrent ? " CONCURRENTLY" : ""} ${qualifiedName(index.schema, index.name)}`;
    return [{ sql, ...outsideTransaction(index) }];
}
