import { sameTable } from "../../schema/keys";
import type { Column, PrimaryKey, Schema, TableRef } from "../../schema/model";
import type { EmitContext, Statement } from "../dialect";
import { quoteList, tableName } from "./quote";

// MySQL names every primary key PRIMARY: the model's PK_ name is TypeORM's and lives nowhere in
// the database. An AUTO_INCREMENT column must be a key at every moment, so a primary key that is
// replaced is swapped in one statement, and one whose AUTO_INCREMENT column comes or goes is
// changed in the statement that adds or drops that column (which also numbers existing rows).

export function primaryKeyBody(primaryKey: PrimaryKey): string {
    return `PRIMARY KEY (${quoteList(primaryKey.columns)})`;
}

/** Where a migration changes a table's primary key, decided from the migration's start and end. */
type KeyChange =
    /** Drop where the drop op stands, add where the add op stands. */
    | { readonly at: "apart" }
    /** Swapped where the drop op stands: the new key's columns are there from the start. */
    | { readonly at: "drop"; readonly replacement: PrimaryKey }
    /** Swapped where the add op stands: the old key's columns stay, the new key's are added first. */
    | { readonly at: "add" }
    /** In the ADD COLUMN of the new key's AUTO_INCREMENT column. */
    | { readonly at: "addColumn"; readonly column: string; readonly replacement: PrimaryKey; readonly replacing: boolean }
    /** In the DROP COLUMN of the old key's AUTO_INCREMENT column (with the new key when its columns exist). */
    | { readonly at: "dropColumn"; readonly column: string; readonly replacement: PrimaryKey | null };

function keyChange(ref: TableRef, ctx: EmitContext): KeyChange {
    const atStart = ctx.start.primaryKeys.find((pk) => sameTable(pk, ref));
    const atEnd = ctx.end.primaryKeys.find((pk) => sameTable(pk, ref));
    const startColumns = columnsOf(ctx.start, ref);
    const endColumns = columnsOf(ctx.end, ref);
    const added = atEnd?.columns.find((name) => !startColumns.has(name) && endColumns.get(name)?.generated === "increment");
    if (atEnd && added !== undefined) return { at: "addColumn", column: added, replacement: atEnd, replacing: atStart !== undefined };
    const dropped = atStart?.columns.find((name) => !endColumns.has(name) && startColumns.get(name)?.generated === "increment");
    if (atStart && dropped !== undefined) {
        const fits = atEnd !== undefined && atEnd.columns.every((name) => startColumns.has(name));
        return { at: "dropColumn", column: dropped, replacement: fits ? atEnd : null };
    }
    if (!atStart || !atEnd) return { at: "apart" };
    if (atEnd.columns.every((name) => startColumns.has(name))) return { at: "drop", replacement: atEnd };
    if (atStart.columns.every((name) => endColumns.has(name))) return { at: "add" };
    return { at: "apart" };
}

function columnsOf(schema: Schema, ref: TableRef): Map<string, Column> {
    return new Map(schema.columns.filter((c) => sameTable(c, ref)).map((c) => [c.name, c]));
}

const alter = (ref: TableRef, clauses: readonly string[]): Statement[] => [{ sql: `ALTER TABLE ${tableName(ref)} ${clauses.join(", ")}` }];

export function emitDropPrimaryKey(primaryKey: PrimaryKey, ctx: EmitContext): Statement[] {
    const change = keyChange(primaryKey, ctx);
    if (change.at === "apart") return alter(primaryKey, ["DROP PRIMARY KEY"]);
    if (change.at === "drop") return alter(primaryKey, ["DROP PRIMARY KEY", `ADD ${primaryKeyBody(change.replacement)}`]);
    return [];
}

export function emitAddPrimaryKey(primaryKey: PrimaryKey, ctx: EmitContext): Statement[] {
    const change = keyChange(primaryKey, ctx);
    if (change.at === "add") return alter(primaryKey, ["DROP PRIMARY KEY", `ADD ${primaryKeyBody(primaryKey)}`]);
    if (change.at === "apart" || (change.at === "dropColumn" && change.replacement === null)) return alter(primaryKey, [`ADD ${primaryKeyBody(primaryKey)}`]);
    return [];
}

/** The primary key clauses that go with ADD COLUMN when this is the new key's AUTO_INCREMENT column. */
export function keyClausesAddingColumn(column: Column, ctx: EmitContext): string[] {
    const change = keyChange(column, ctx);
    if (change.at !== "addColumn" || change.column !== column.name) return [];
    return [...(change.replacing ? ["DROP PRIMARY KEY"] : []), `ADD ${primaryKeyBody(change.replacement)}`];
}

/** The primary key clauses around DROP COLUMN when this is the old key's AUTO_INCREMENT column. */
export function keyClausesDroppingColumn(column: Column, ctx: EmitContext): { readonly before: string[]; readonly after: string[] } {
    const change = keyChange(column, ctx);
    if (change.at !== "dropColumn" || change.column !== column.name) return { before: [], after: [] };
    return { before: ["DROP PRIMARY KEY"], after: change.replacement ? [`ADD ${primaryKeyBody(change.replacement)}`] : [] };
}
