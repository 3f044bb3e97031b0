import type { Column, ReferentialAction, Schema, TableRef } from "../schema/model";
import { describeColumnChange, type SchemaChanges } from "./erd-changes";
import type { ErdOptions } from "./erd-mermaid";
import { columnKey, erdRelations, erdTables, tableKey, type ErdColumn, type ErdRelation, type ErdTable } from "./erd-tables";

/** Header colours `--changed` gives tables: green for added, amber for altered. */
const addedColor = "#2E7D32";
const alteredColor = "#F9A825";

const actions: Record<ReferentialAction, string> = {
    CASCADE: "cascade",
    "SET NULL": "set null",
    "SET DEFAULT": "set default",
    RESTRICT: "restrict",
    "NO ACTION": "no action",
};

/**
 * The schema as DBML (dbdiagram.io's language): an `Enum` per enum type, a `Table` per table with
 * its columns (pk, increment, not null, unique, default, note), indexes and note, and a `Ref` per
 * foreign key with its actions. `--changed` colours the header of added and altered tables, notes
 * what changed on each, and lists what was dropped in a sticky `Note`.
 *
 * @example
 * dbmlErd(schema) // 'Table "user" {\n  "id" integer [pk, increment]\n  ...'
 */
export function dbmlErd(schema: Schema, options: ErdOptions = {}): string {
    const blocks: string[] = [];
    const head = [...(options.title !== undefined ? [options.title] : []), ...(options.caption !== undefined ? [options.caption] : [])];
    if (head.length > 0) blocks.push(head.map((line) => `// ${line.replace(/\s+/g, " ")}`).join("\n"));
    const enums = enumTypes(schema);
    const enumsByName = new Map([...enums.values()].map((entry) => [entry.name, entry.values]));
    blocks.push(...[...enumsByName].map(([name, values]) => enumBlock(name, values)));
    blocks.push(...erdTables(schema).map((table) => tableBlock(schema, table, enums, options.changes)));
    const named = new Set<string>();
    // DBML refuses a Ref to a table it has not seen (one a filter left out of the snapshot): that one stays a comment.
    const drawn = new Set(schema.tables.map(tableKey));
    const refs = erdRelations(schema).map((relation) => {
        const { referencedSchema, referencedTable } = relation.foreignKey;
        const line = refLine(schema, relation, named);
        return drawn.has(tableKey({ schema: referencedSchema, table: referencedTable })) ? line : `// ${line} (not in this schema)`;
    });
    if (refs.length > 0) blocks.push(refs.join("\n"));
    if (options.changes !== undefined) blocks.push(droppedNote(options.changes));
    return `${blocks.join("\n\n")}\n`;
}

interface DbmlEnum {
    /** The qualified, quoted name a column's type refers to. */
    readonly name: string;
    readonly values: readonly string[];
}

/**
 * Enum types by the column key of each enum column: a named type (PostgreSQL's) once under its
 * name, an inline enum as `<table>_<column>_enum`.
 */
function enumTypes(schema: Schema): Map<string, DbmlEnum> {
    const named = new Map(schema.enums.map((type) => [`${type.schema}\u0000${type.name}`, type]));
    const byColumn = new Map<string, DbmlEnum>();
    for (const column of schema.columns) {
        if (column.enum === null) continue;
        const type = column.enumName === null ? undefined : named.get(`${column.schema}\u0000${column.enumName}`);
        const ref = { schema: type?.schema ?? column.schema, table: type?.name ?? column.enumName ?? `${column.table}_${column.name}_enum` };
        byColumn.set(columnKey(column), { name: qualifiedName(schema, ref), values: type?.values ?? column.enum });
    }
    return byColumn;
}

function enumBlock(name: string, values: readonly string[]): string {
    return [`Enum ${name} {`, ...values.map((value) => `  ${quotedName(value)}`), "}"].join("\n");
}

function tableBlock(schema: Schema, table: ErdTable, enums: ReadonlyMap<string, DbmlEnum>, changes: SchemaChanges | undefined): string {
    const key = tableKey(table.ref);
    const added = changes?.addedTables.has(key) === true;
    const altered = changes?.alteredTables.get(key);
    const settings = [
        ...(added ? [`headercolor: ${addedColor}`] : altered !== undefined ? [`headercolor: ${alteredColor}`] : []),
        ...(table.comment !== null && table.comment !== "" ? [`note: ${dbmlString(table.comment)}`] : []),
    ];
    const lines = [`Table ${qualifiedName(schema, table.ref)}${settings.length > 0 ? ` [${settings.join(", ")}]` : ""} {`];
    const composite = table.columns.filter((column) => column.primary).length > 1;
    lines.push(...table.columns.map((column) => `  ${columnLine(column, composite, enums, changes)}`));
    const indexes = indexLines(schema, table.ref, composite);
    if (indexes.length > 0) lines.push("", "  Indexes {", ...indexes.map((line) => `    ${line}`), "  }");
    if (changes !== undefined && (added || altered !== undefined)) {
        const what = added ? `added by ${changes.revision}` : `altered by ${changes.revision}: ${(altered ?? []).join("; ")}`;
        lines.push("", `  Note: ${dbmlString(what)}`);
    }
    lines.push("}");
    return lines.join("\n");
}

function columnLine(entry: ErdColumn, compositeKey: boolean, enums: ReadonlyMap<string, DbmlEnum>, changes: SchemaChanges | undefined): string {
    const { column } = entry;
    const type = enums.get(columnKey(column))?.name ?? typeName(entry.type);
    const defaultValue = column.default === null ? null : dbmlDefault(column.default);
    const change = changes?.columns.get(columnKey(column));
    const notes = [
        ...(change !== undefined && changes !== undefined ? [describeColumnChange(change, changes.revision)] : []),
        ...(column.default !== null && defaultValue === null ? [`default: ${column.default}`] : []),
        ...(column.asExpression !== null ? [`generated ${column.generatedType ?? ""} as ${column.asExpression}`.replace(/\s+/g, " ")] : []),
        ...(column.comment !== null && column.comment !== "" ? [column.comment] : []),
    ];
    const settings = [
        ...(entry.primary && !compositeKey ? ["pk"] : []),
        ...(isIncrement(column) ? ["increment"] : []),
        ...(!column.nullable && !(entry.primary && !compositeKey) ? ["not null"] : []),
        ...(entry.unique ? ["unique"] : []),
        ...(defaultValue !== null ? [`default: ${defaultValue}`] : []),
        ...(notes.length > 0 ? [`note: ${dbmlString(notes.join("; "))}`] : []),
    ];
    return `${quotedName(column.name)} ${type}${settings.length > 0 ? ` [${settings.join(", ")}]` : ""}`;
}

function isIncrement(column: Column): boolean {
    return column.generated === "increment" || column.generated === "identity" || column.generated === "rowid";
}

/** A composite primary key, then each index: `("a", "b") [unique, name: '...']`; a partial one's predicate in its note. */
function indexLines(schema: Schema, ref: TableRef, compositeKey: boolean): string[] {
    const mine = <T extends TableRef>(members: readonly T[]) => members.filter((member) => member.schema === ref.schema && member.table === ref.table);
    const columns = (names: readonly string[]) => `(${names.map(quotedName).join(", ")})`;
    const lines = compositeKey ? mine(schema.primaryKeys).map((pk) => `${columns(pk.columns)} [pk, name: ${dbmlString(pk.name)}]`) : [];
    for (const unique of mine(schema.uniques))
        if (unique.columns.length > 1) lines.push(`${columns(unique.columns)} [unique, name: ${dbmlString(unique.name)}]`);
    for (const index of mine(schema.indexes)) {
        const kind = index.type === "btree" || index.type === "hash" ? [`type: ${index.type}`] : [];
        const notes = [
            ...(index.where !== null ? [`where ${index.where}`] : []),
            ...(index.type !== null && kind.length === 0 ? [`using ${index.type}`] : []),
            ...(index.fulltext ? ["fulltext"] : []),
            ...(index.spatial ? ["spatial"] : []),
        ];
        const settings = [
            ...(index.unique ? ["unique"] : []),
            `name: ${dbmlString(index.name)}`,
            ...kind,
            ...(notes.length > 0 ? [`note: ${dbmlString(notes.join("; "))}`] : []),
        ];
        // An index over expressions: DBML takes one as a backquoted key, which cannot hold a backquote itself.
        if (index.expression?.includes("`") === true) lines.push(`// ${dbmlString(index.name)} over (${index.expression}), which DBML cannot quote`);
        else lines.push(`${index.expression === undefined ? columns(index.columns) : `(\`${index.expression}\`)`} [${settings.join(", ")}]`);
    }
    return lines;
}

/** `Ref "FK_x": "post"."authorId" > "user"."id" [delete: cascade]`: `>` many-to-one, `-` one-to-one. */
function refLine(schema: Schema, relation: ErdRelation, named: Set<string>): string {
    const fk = relation.foreignKey;
    // DBML names refs in one namespace; a name two tables' keys share is left off the second.
    const name = named.has(fk.name) ? "" : ` ${quotedName(fk.name)}`;
    named.add(fk.name);
    const end = (ref: TableRef, names: readonly string[]) =>
        names.length === 1 ? `${qualifiedName(schema, ref)}.${quotedName(names[0])}` : `${qualifiedName(schema, ref)}.(${names.map(quotedName).join(", ")})`;
    const settings = [
        ...(fk.onDelete !== "NO ACTION" ? [`delete: ${actions[fk.onDelete]}`] : []),
        ...(fk.onUpdate !== "NO ACTION" ? [`update: ${actions[fk.onUpdate]}`] : []),
    ];
    const child = end(fk, fk.columns);
    const parent = end({ schema: fk.referencedSchema, table: fk.referencedTable }, fk.referencedColumns);
    return `Ref${name}: ${child} ${relation.oneToOne ? "-" : ">"} ${parent}${settings.length > 0 ? ` [${settings.join(", ")}]` : ""}`;
}

function droppedNote(changes: SchemaChanges): string {
    const dropped = [...changes.droppedTables.map((name) => `table ${name}`), ...changes.droppedColumns.map((name) => `column ${name}`)];
    const text = dropped.length > 0 ? `dropped by ${changes.revision}: ${dropped.join(", ")}` : `${changes.revision} dropped nothing`;
    return [`Note ${quotedName(`changed by ${changes.revision}`)} {`, `  ${dbmlString(text)}`, "}"].join("\n");
}

/**
 * A column default as DBML takes it: a whole SQL string literal as a string, a number, true, false
 * or null as themselves, any other expression in backticks; null when it cannot be written (an
 * expression holding a backtick), which then goes in the column's note.
 */
function dbmlDefault(expression: string): string | null {
    const literal = /^'((?:[^']|'')*)'$/.exec(expression);
    if (literal !== null) return dbmlString(literal[1].replace(/''/g, "'"));
    if (/^-?\d+(\.\d+)?$/.test(expression) || /^(true|false|null)$/i.test(expression)) return expression.toLowerCase();
    return expression.includes("`") ? null : `\`${expression}\``;
}

/** A table's name, qualified outside the default schema, each part quoted. */
function qualifiedName(schema: Pick<Schema, "defaultSchema">, ref: TableRef): string {
    return ref.schema === "" || ref.schema === schema.defaultSchema ? quotedName(ref.table) : `${quotedName(ref.schema)}.${quotedName(ref.table)}`;
}

/** A type as is when DBML reads it as one word (`integer`, `varchar(250)`), quoted otherwise (`"timestamp with time zone"`). */
function typeName(type: string): string {
    return /^[A-Za-z_][A-Za-z0-9_]*(\([0-9, ]*\))?$/.test(type) ? type : quotedName(type);
}

/** A DBML quoted name: `"..."` with backslash escapes. */
function quotedName(name: string): string {
    return `"${escaped(name)}"`;
}

/** A DBML string: `'...'` with backslash escapes. */
function dbmlString(text: string): string {
    return `'${escaped(text)}'`;
}

function escaped(text: string): string {
    return text.replace(/[\\'"\n\r\t]/g, (char) => ({ "\n": "\\n", "\r": "\\r", "\t": "\\t" })[char] ?? `\\${char}`);
}
