import type { Column, ForeignKey, Index, Schema, View } from "../../lib/schema/model";

// What in a snapshot a hand-made change can be made to without touching anything else the differ
// compares: a plain column (no key, index, check, view or computed column mentions it, no view
// reads its table), an index, a foreign key, a view nothing depends on, an enum.

const columnKey = (table: string, column: string) => `${table}\u0000${column}`;

function mentions(text: string, name: string): boolean {
    return text.includes(`"${name}"`) || text.includes(`\`${name}\``) || new RegExp(`\\b${name.replace(/[^\w]/g, "\\$&")}\\b`).test(text);
}

/** Tables a view or an exclusion reads, or holding a computed column: a change there re-creates more than itself. */
function entangledTables(schema: Schema): Set<string> {
    return new Set([...tablesReadByViews(schema), ...computedTables(schema)]);
}

function tablesReadByViews(schema: Schema): Set<string> {
    const texts = [...schema.views.map((view) => view.expression), ...schema.exclusions.map((e) => e.expression)];
    return new Set(schema.tables.filter((table) => texts.some((text) => mentions(text, table.table))).map((table) => table.table));
}

/** SQLite rebuilds copy rows with SELECT *, which a computed column refuses. */
function computedTables(schema: Schema): Set<string> {
    return new Set([
        ...schema.columns.filter((column) => column.asExpression !== null).map((column) => column.table),
        ...schema.exclusions.map((e) => e.table),
    ]);
}

/** What a column may stand under and still be picked: by default nothing but its table. */
export interface Standing {
    /** Its table is read by a view (the column is not named in any view). */
    readonly viewTable?: boolean;
    /** A plain index covers it. */
    readonly indexed?: boolean;
}

/** Columns a change of type, default or nullability affects alone, in a stable order. */
export function plainColumns(schema: Schema, standing: Standing = {}): Column[] {
    const used = new Set<string>();
    const mark = (table: string, columns: readonly string[]) => columns.forEach((column) => used.add(columnKey(table, column)));
    schema.indexes.filter((index) => !standing.indexed || index !== plainIndex(schema)).forEach((index) => mark(index.table, index.columns));
    schema.uniques.forEach((unique) => mark(unique.table, unique.columns));
    schema.primaryKeys.forEach((pk) => mark(pk.table, pk.columns));
    schema.foreignKeys.forEach((fk) => {
        mark(fk.table, fk.columns);
        mark(fk.referencedTable, fk.referencedColumns);
    });
    const entangled = standing.viewTable ? computedTables(schema) : entangledTables(schema);
    const named = (column: Column) => schema.views.some((view) => mentions(view.expression, column.name));
    const checked = (column: Column) => schema.checks.some((check) => check.table === column.table && mentions(check.expression, column.name));
    return schema.columns
        .filter(
            (column) =>
                !column.primary &&
                column.enum === null &&
                !column.array &&
                column.onUpdate === null &&
                !used.has(columnKey(column.table, column.name)) &&
                !entangled.has(column.table) &&
                (!standing.viewTable || (tablesReadByViews(schema).has(column.table) && !named(column))) &&
                (!standing.indexed || plainIndex(schema)?.columns.includes(column.name) === true) &&
                !checked(column),
        )
        .sort((a, b) => `${a.table}.${a.name}`.localeCompare(`${b.table}.${b.name}`));
}

const isVarchar = (column: Column) => ["character varying", "varchar"].includes(column.type) && column.length !== "";

/** A bounded varchar column: its type changes by hand, an index and a check are made on it. */
export function varcharColumn(schema: Schema, standing: Standing = {}): Column | undefined {
    return plainColumns(schema, standing).find((column) => isVarchar(column) && column.collation === null && column.charset === null);
}

/** A column without a default, which gets one by hand. */
export function columnWithoutDefault(schema: Schema): Column | undefined {
    return plainColumns(schema).find(
        (column) => column.default === null && column.generated === null && /char|text|int|numeric|decimal|real|double|float/i.test(column.type),
    );
}

/** A NOT NULL column whose NOT NULL is dropped by hand. */
export function notNullColumn(schema: Schema): Column | undefined {
    return plainColumns(schema).find((column) => !column.nullable && column.generated === null);
}

/** A plain index (no predicate, method or spatial/fulltext kind) no foreign key needs (MySQL keeps those). */
export function plainIndex(schema: Schema): Index | undefined {
    const fkLeads = new Set(schema.foreignKeys.map((fk) => columnKey(fk.table, fk.columns[0])));
    return [...schema.indexes]
        .sort((a, b) => a.name.localeCompare(b.name))
        .find(
            (index) =>
                index.where === null &&
                index.type === null &&
                index.expression === undefined &&
                index.lengths === undefined &&
                !index.spatial &&
                !index.fulltext &&
                !index.unique &&
                !entangledTables(schema).has(index.table) &&
                !fkLeads.has(columnKey(index.table, index.columns[0])),
        );
}

/** A foreign key of its own (not deferrable) whose ON DELETE changes by hand. */
export function plainForeignKey(schema: Schema): ForeignKey | undefined {
    return [...schema.foreignKeys]
        .sort((a, b) => a.name.localeCompare(b.name))
        .find((fk) => fk.deferrable === null && fk.onDelete !== "SET DEFAULT" && !entangledTables(schema).has(fk.table));
}

/** A view no other view depends on: its body changes by hand. */
export function leafView(schema: Schema): View | undefined {
    return [...schema.views]
        .sort((a, b) => a.name.localeCompare(b.name))
        .find((view) => !view.materialized && !schema.views.some((other) => other.dependsOn.includes(view.name)));
}

/** A MySQL enum column. */
export function enumColumn(schema: Schema): Column | undefined {
    return schema.columns.find((column) => column.enum !== null && column.type === "enum" && !entangledTables(schema).has(column.table));
}
