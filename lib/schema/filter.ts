import { tableKey } from "./keys";
import type { Schema, TableRef } from "./model";

/** An object the differ may leave alone: a table, view or enum type, or a whole schema. */
export interface SchemaObjectRef {
    readonly kind: "table" | "view" | "enum" | "schema";
    readonly schema: string;
    readonly name: string;
}

/** Decides what the differ compares, as Alembic's `include_object` does; false leaves the object alone. */
export type IncludeObject = (object: SchemaObjectRef) => boolean;

/**
 * The part of `schema` that `include` admits: an excluded table goes with its columns, keys,
 * indexes and constraints; an excluded schema with everything in it. Foreign keys from included
 * tables to excluded ones stay (the table is someone else's, the reference is ours).
 */
export function filterSchema(schema: Schema, include: IncludeObject): Schema {
    const keptSchemas = new Set([schema.defaultSchema, ...schema.schemas].filter((name) => include({ kind: "schema", schema: name, name })));
    const tableKept = (ref: TableRef) => keptSchemas.has(ref.schema) && include({ kind: "table", schema: ref.schema, name: ref.table });
    const keptTables = new Set(schema.tables.filter(tableKept).map((t) => tableKey(t)));
    const onKept = (ref: TableRef) => keptTables.has(tableKey(ref));
    const viewKept = (view: { schema: string; name: string }) =>
        keptSchemas.has(view.schema) && include({ kind: "view", schema: view.schema, name: view.name });
    return {
        ...schema,
        schemas: schema.schemas.filter((name) => keptSchemas.has(name)),
        enums: schema.enums.filter((e) => keptSchemas.has(e.schema) && include({ kind: "enum", schema: e.schema, name: e.name })),
        tables: schema.tables.filter(onKept),
        columns: schema.columns.filter(onKept),
        primaryKeys: schema.primaryKeys.filter(onKept),
        indexes: schema.indexes.filter(onKept),
        uniques: schema.uniques.filter(onKept),
        foreignKeys: schema.foreignKeys.filter(onKept),
        checks: schema.checks.filter(onKept),
        views: schema.views.filter(viewKept),
        metadataRows: schema.metadataRows.filter((row) => (row.type === "GENERATED_COLUMN" ? onKept(row) : viewKept({ schema: row.schema, name: row.name }))),
    };
}

/**
 * An `IncludeObject` that leaves out what matches any of `patterns`: `name` (any schema) or
 * `schema.name`, with `*` and `?` wildcards; `schema.*` leaves the whole schema out.
 */
export function excludePatterns(patterns: readonly string[]): IncludeObject {
    const matchers = patterns.map(globMatcher);
    return (object) => {
        const qualified = `${object.schema}.${object.name}`;
        if (object.kind === "schema") return !patterns.includes(`${object.name}.*`);
        return !matchers.some((matches, i) => (patterns[i].includes(".") ? matches(qualified) : matches(object.name)));
    };
}

function globMatcher(pattern: string): (text: string) => boolean {
    const source = pattern
        .split("")
        .map((ch) => (ch === "*" ? ".*" : ch === "?" ? "." : ch.replace(/[\\^$+.()|{}[\]]/g, "\\$&")))
        .join("");
    const regex = new RegExp(`^${source}$`);
    return (text) => regex.test(text);
}
