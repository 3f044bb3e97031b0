import type { TableDefinition } from "../../diff/ops";
import type { Table } from "../../schema/model";
import type { Statement } from "../dialect";
import { columnDefinitionSql } from "./column-sql";
import { checkBody } from "./constraints";
import { uniqueIndexBody } from "./indexes";
import { primaryKeyBody } from "./primary-keys";
import { commentLiteral, tableName } from "./quote";
import { engineWord } from "./sql-words";

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
    const options = [`ENGINE=${engineWord(definition.table.engine ?? "InnoDB")}`];
    if (definition.table.comment) options.push(`COMMENT=${commentLiteral(definition.table.comment)}`);
    return [{ sql: `CREATE TABLE ${tableName(definition.table)} (${items.join(", ")}) ${options.join(" ")}` }];
}

/** Its indexes go with it; its foreign keys were dropped by earlier ops. */
export function emitDropTable(definition: TableDefinition): Statement[] {
    return [{ sql: `DROP TABLE ${tableName(definition.table)}` }];
}

/** The comment and the storage engine; `ENGINE=` rebuilds the table, keeping its rows. */
export function emitSetTableComment(before: Table, after: Table): Statement[] {
    const changes: string[] = [];
    if (changesEngine(before, after)) changes.push(`ENGINE=${engineWord(engineOf(after))}`);
    if (commentLiteral(before.comment) !== commentLiteral(after.comment)) changes.push(`COMMENT=${commentLiteral(after.comment)}`);
    return changes.length === 0 ? [] : [{ sql: `ALTER TABLE ${tableName(after)} ${changes.join(" ")}` }];
}

const engineOf = (table: Table) => table.engine ?? "InnoDB";

export function changesEngine(before: Table, after: Table): boolean {
    return engineOf(before).toLowerCase() !== engineOf(after).toLowerCase();
}
