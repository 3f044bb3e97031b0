import type { Index, Unique } from "../../schema/model";
import type { EmitContext, Statement } from "../dialect";
import { sameTable } from "../../schema/keys";
import { indexKeyList, type KeyPartWords } from "../../schema/index-key-list";
import { foreignKeysOnlyServedBy } from "./foreign-key-indexes";
import { dropForeignKeySql, emitAddForeignKey } from "./foreign-keys";
import { quoteIdentifier, quoteList, tableName } from "./quote";
import { numberWord, parserWord } from "./sql-words";

// An index's `where` (partial index) and `type` (method) are ignored, as TypeORM's MySQL driver
// ignores them; the reader leaves them out of MySQL schemas.

function kindWords(index: Index): string {
    return `${index.unique ? "UNIQUE " : ""}${index.spatial ? "SPATIAL " : ""}${index.fulltext ? "FULLTEXT " : ""}`;
}

function parserClause(index: Index): string {
    return index.fulltext && index.parser ? ` WITH PARSER ${parserWord(index.parser)}` : "";
}

/** The indexed columns, each with its prefix length if it has one: `` `name`(191), `id` ``. */
const keyPartWords: KeyPartWords = { column: quoteIdentifier, length: (length) => numberWord(length, "index prefix length") };

/** `CREATE [UNIQUE|SPATIAL|FULLTEXT] INDEX name ON table (...) [WITH PARSER p]`. */
export function emitCreateIndex(index: Index): Statement[] {
    return [
        {
            sql: `CREATE ${kindWords(index)}INDEX ${quoteIdentifier(index.name)} ON ${tableName(index)} (${indexKeyList(index, keyPartWords)})${parserClause(index)}`,
        },
    ];
}

/**
 * `DROP INDEX name ON table`. MySQL refuses to drop the only index a foreign key that stays
 * uses; such a foreign key is dropped first and added back after, so that InnoDB makes its own
 * index for it, as it has in a database synchronize() builds (an index added under the foreign
 * key's name by hand would not give way to a covering index added later, as InnoDB's does).
 */
export function emitDropIndex(index: Index, ctx: EmitContext): Statement[] {
    const drop = { sql: dropIndexSql(index) };
    const staying = foreignKeysOnlyServedBy(ctx.before, index).filter((fk) => ctx.after.foreignKeys.some((f) => sameTable(f, fk) && f.name === fk.name));
    if (staying.length === 0) return [drop];
    return [...staying.map((fk) => ({ sql: dropForeignKeySql(fk) })), drop, ...staying.flatMap(emitAddForeignKey)];
}

export function emitRenameIndex(before: Index, after: Index): Statement[] {
    return [{ sql: `ALTER TABLE ${tableName(before)} RENAME INDEX ${quoteIdentifier(before.name)} TO ${quoteIdentifier(after.name)}` }];
}

/** MySQL keeps a unique constraint as a unique index (TypeORM names it as the constraint). */
export function uniqueIndexBody(unique: Unique): string {
    return `UNIQUE INDEX ${quoteIdentifier(unique.name)} (${quoteList(unique.columns)})`;
}

export function asUniqueIndex(unique: Unique): Index {
    return {
        schema: unique.schema,
        table: unique.table,
        name: unique.name,
        columns: unique.columns,
        unique: true,
        where: null,
        type: null,
        spatial: false,
        fulltext: false,
        parser: null,
        concurrent: false,
        nullFiltered: false,
    };
}

export function dropIndexSql(index: Index): string {
    return `DROP INDEX ${quoteIdentifier(index.name)} ON ${tableName(index)}`;
}
