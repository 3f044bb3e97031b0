import type { TableDefinition } from "../../diff/ops";
import type { Table } from "../../schema/model";
import type { EmitContext, Statement } from "../dialect";
import { columnDefinitionSql } from "./column-sql";
import { checkBody } from "./constraints";
import { uniqueIndexBody } from "./indexes";
import { primaryKeyBody } from "./primary-keys";
import { commentLiteral, tableName } from "./quote";
import { engineWord } from "./sql-words";
import { changesCollation, collationOptions, emitConvertTable } from "./table-collation";

/**
 * CREATE TABLE as `synchronize()` writes it: columns, uniques as unique indexes (MySQL has no
 * other kind), checks, the primary key, then `ENGINE=` (InnoDB unless the entity says) and the
 * comment. Other indexes and foreign keys are their own ops.
 */
export function emitCreateTable(definition: TableDefinition): Statement[] {
    const items = [
        ...definition.columns.map(columnDefinitionSql),
        ...definition.uniques.map(uniqueIndexBody),
        ...definition.checks.map(checkBody),
        ...(definition.primaryKey ? [primaryKeyBody(definition.primaryKey)] : []),
    ];
    const options = [`ENGINE=${engineWord(definition.table.engine ?? "InnoDB")}`, ...collationOptions(definition.table)];
    if (definition.table.comment) options.push(`COMMENT=${commentLiteral(definition.table.comment)}`);
    return [{ sql: `CREATE TABLE ${tableName(definition.table)} (${items.join(", ")}) ${options.join(" ")}` }];
}

/** Its indexes go with it; its foreign keys were dropped by earlier ops. */
export function emitDropTable(definition: TableDefinition): Statement[] {
    return [{ sql: `DROP TABLE ${tableName(definition.table)}` }];
}

/**
 * The comment, the storage engine and the collation; `ENGINE=` rebuilds the table, keeping its
 * rows, and a new collation converts them (./table-collation.ts).
 */
export function emitSetTableOptions(before: Table, after: Table, ctx: EmitContext): Statement[] {
    const changes: string[] = [];
    if (changesEngine(before, after)) changes.push(`ENGINE=${engineWord(engineOf(after))}`);
    if (commentLiteral(before.comment) !== commentLiteral(after.comment)) changes.push(`COMMENT=${commentLiteral(after.comment)}`);
    const statements = changes.length === 0 ? [] : [{ sql: `ALTER TABLE ${tableName(after)} ${changes.join(" ")}` }];
    return changesCollation(before, after) ? [...statements, ...emitConvertTable(after, ctx)] : statements;
}

const engineOf = (table: Table) => table.engine ?? "InnoDB";

function changesEngine(before: Table, after: Table): boolean {
    return engineOf(before).toLowerCase() !== engineOf(after).toLowerCase();
}

/** A new engine or collation copies the table: no online form. */
export function copiesTable(before: Table, after: Table): boolean {
    return changesEngine(before, after) || changesCollation(before, after);
}
