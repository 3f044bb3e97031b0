import type { Check, Index, Schema } from "../../lib/schema/model";
import { columnChange, dropIndexByHand, dropIndexSql, q, sqliteRebuild, table, type HandChange, type SweepDialect } from "./drift-sweep-changes";
import { leafView, plainColumns, plainIndex, varcharColumn } from "./drift-sweep-targets";

// Hand-made changes to definitions in place (predicates, checks, defaults, collations, index
// keys, enum values), and rebuilds that change nothing but the spelling, which must report nothing.

const predicateChanged: HandChange = {
    kind: "partial index predicate",
    dialects: ["postgres", "sqlite"],
    plan(dialect, dataSource, schema) {
        const index = [...schema.indexes].sort((a, b) => a.name.localeCompare(b.name)).find((i) => i.where !== null && i.type === null && !i.unique);
        if (index === undefined) return null;
        const name = index.schema === "" ? q(dialect, index.name) : `${q(dialect, index.schema)}.${q(dialect, index.name)}`;
        const columns = index.columns.map((column) => q(dialect, column)).join(", ");
        const create = (where: string) => dataSource.query(`CREATE INDEX ${q(dialect, index.name)} ON ${table(dialect, index)} (${columns}) WHERE ${where}`);
        return {
            expected: { kinds: ["createIndex", "dropIndex"], mentions: `index ${index.name} on ${index.table}` },
            apply: async () => {
                await dataSource.query(`DROP INDEX ${name}`);
                await create(`NOT (${index.where})`);
            },
            undo: async () => {
                await dataSource.query(`DROP INDEX ${name}`);
                await create(index.where as string);
            },
        };
    },
};

const checkChanged: HandChange = {
    kind: "check changed",
    dialects: ["postgres", "mysql"],
    plan(dialect, dataSource, schema) {
        const check = [...schema.checks].sort((a, b) => a.name.localeCompare(b.name))[0] as Check | undefined;
        if (check === undefined) return null;
        const alter = `ALTER TABLE ${table(dialect, check)}`;
        const replace = async (expression: string) => {
            await dataSource.query(`${alter} DROP CONSTRAINT ${q(dialect, check.name)}`);
            await dataSource.query(`${alter} ADD CONSTRAINT ${q(dialect, check.name)} CHECK (${expression})`);
        };
        return {
            expected: { kinds: ["addCheck", "dropCheck"], mentions: `check ${check.name} on ${check.table}` },
            apply: () => replace(`(${check.expression}) OR 1 = 0`),
            undo: () => replace(check.expression),
        };
    },
};

const defaultChanged: HandChange = {
    kind: "column default changed",
    dialects: ["postgres", "mysql"],
    plan(dialect, dataSource, schema) {
        const column = plainColumns(schema).find((c) => c.default !== null && /^'[^']*'$/.test(c.default) && /char|text/i.test(c.type));
        if (column === undefined || column.default === null) return null;
        const alter = `ALTER TABLE ${table(dialect, column)} ALTER COLUMN ${q(dialect, column.name)} SET DEFAULT`;
        const original = column.default;
        return {
            expected: { kinds: ["alterColumn"], mentions: `${column.table}.${column.name} default: ${original} → 'd'` },
            // One character: the column may be short.
            apply: () => dataSource.query(`${alter} 'd'`),
            undo: () => dataSource.query(`${alter} ${original}`),
        };
    },
};

const collationChanged: HandChange = {
    kind: "column collation",
    plan(dialect, dataSource, schema) {
        const column = varcharColumn(schema);
        if (column === undefined) return null;
        const name = q(dialect, column.name);
        const collation = { mysql: "utf8mb4_bin", postgres: "C", sqlite: "NOCASE" }[dialect];
        return {
            expected: { kinds: ["alterColumn"], mentions: `${column.table}.${column.name} collation: none → ${collation}` },
            ...columnChange(dataSource, dialect, column, {
                postgres: [
                    `ALTER COLUMN ${name} TYPE character varying(${column.length}) COLLATE "C"`,
                    `ALTER COLUMN ${name} TYPE character varying(${column.length}) COLLATE "default"`,
                ],
                edit: (definition) =>
                    dialect === "sqlite"
                        ? `${definition} COLLATE ${collation}`
                        : definition.replace(
                              / varchar\((\d+)\)( CHARACTER SET \w+)?( COLLATE \w+)?/i,
                              ` varchar($1) CHARACTER SET utf8mb4 COLLATE ${collation}`,
                          ),
            }),
        };
    },
};

const expressionIndexAdded: HandChange = {
    kind: "expression index added",
    dialects: ["postgres", "sqlite"],
    plan(dialect, dataSource, schema) {
        const column = varcharColumn(schema);
        if (column === undefined) return null;
        const name = "IDX_drift_sweep_expression";
        return {
            expected: { kinds: ["createIndex"], mentions: `index ${name} on ${column.table} (lower(` },
            apply: () => dataSource.query(`CREATE INDEX ${q(dialect, name)} ON ${table(dialect, column)} (lower(${q(dialect, column.name)}))`),
            undo: () => dataSource.query(`DROP INDEX ${column.schema === "" ? q(dialect, name) : `${q(dialect, column.schema)}.${q(dialect, name)}`}`),
        };
    },
};

const tableCollation: HandChange = {
    kind: "table collation",
    dialects: ["mysql"],
    plan(dialect, dataSource, schema) {
        const ownCollation = (t: Schema["tables"][number]) => schema.columns.some((c) => c.table === t.table && (c.collation !== null || c.charset !== null));
        const target = [...schema.tables].sort((a, b) => a.table.localeCompare(b.table)).find((t) => t.collation === undefined && !ownCollation(t));
        if (target === undefined) return null;
        const collation = "utf8mb4_unicode_520_ci";
        // CONVERT TO, as one changes a table's collation: its columns follow (DEFAULT CHARACTER SET alone
        // leaves them on the old one, which the database then holds as each column's own).
        const alter = `ALTER TABLE ${table(dialect, target)} CONVERT TO CHARACTER SET`;
        return {
            expected: { kinds: ["setTableComment"], mentions: `collation: none → ${collation}` },
            apply: () => dataSource.query(`${alter} utf8mb4 COLLATE ${collation}`),
            undo: async () => {
                const [row] = await dataSource.query<{ charset: string; collation: string }[]>(
                    "SELECT @@character_set_database AS `charset`, @@collation_database AS `collation`",
                );
                await dataSource.query(`${alter} ${row.charset} COLLATE ${row.collation}`);
            },
        };
    },
};

/** A plain index re-created by hand with its first key changed by `key`. */
const indexKeyChanged = (
    kind: string,
    dialects: readonly SweepDialect[],
    key: (column: string, schema: Schema, index: Index) => string | null,
): HandChange => ({
    kind,
    dialects,
    plan(dialect, dataSource, schema) {
        const index = plainIndex(schema);
        const changed = index === undefined ? null : key(q(dialect, index.columns[0]), schema, index);
        if (index === undefined || changed === null) return null;
        const keys = (first: string) => [first, ...index.columns.slice(1).map((column) => q(dialect, column))].join(", ");
        const recreate = async (first: string) => {
            await dataSource.query(dropIndexSql(dialect, index, index.name));
            await dataSource.query(`CREATE INDEX ${q(dialect, index.name)} ON ${table(dialect, index)} (${keys(first)})`);
        };
        return {
            expected: { kinds: ["createIndex", "dropIndex"], mentions: `index ${index.name} on ${index.table}` },
            apply: () => recreate(changed),
            undo: () => recreate(q(dialect, index.columns[0])),
        };
    },
});

// Not on MySQL/MariaDB yet: the reader does not read a key's DESC (information_schema.STATISTICS.COLLATION 'D'), so it is missed.
const indexDescending = indexKeyChanged("index key made DESC", ["postgres", "sqlite"], (column) => `${column} DESC`);

const indexPrefix = indexKeyChanged("index key given a prefix length", ["mysql"], (column, schema, index) => {
    const indexed = schema.columns.find((c) => c.table === index.table && c.name === index.columns[0]);
    return indexed !== undefined && /char/i.test(indexed.type) && Number(indexed.length) > 3 ? `${column}(3)` : null;
});

const enumValueRenamed: HandChange = {
    kind: "enum value renamed",
    dialects: ["postgres"],
    plan(dialect, dataSource, schema) {
        // PostgreSQL renames the value wherever the catalog names it (defaults, predicates, checks,
        // views): a value nothing names, so that the type is the only change.
        const texts = [
            ...schema.columns.map((c) => c.default ?? ""),
            ...schema.indexes.map((i) => i.where ?? ""),
            ...schema.checks.map((c) => c.expression),
            ...schema.views.map((v) => v.expression),
        ];
        const unnamed = (value: string) => !texts.some((text) => text.includes(literal(value)));
        const type = [...schema.enums].sort((a, b) => a.name.localeCompare(b.name)).find((e) => e.values.some(unnamed));
        const value = type?.values.find(unnamed);
        if (type === undefined || value === undefined) return null;
        const rename = (from: string, to: string) =>
            dataSource.query(`ALTER TYPE ${table(dialect, { schema: type.schema, table: type.name })} RENAME VALUE ${literal(from)} TO ${literal(to)}`);
        return {
            expected: {
                kinds: ["alterEnum"],
                mentions: `values: ${type.values.join(", ")} → ${type.values.map((v) => (v === value ? "drift_sweep" : v)).join(", ")}`,
            },
            apply: () => rename(value, "drift_sweep"),
            undo: () => rename("drift_sweep", value),
        };
    },
};

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

const expressionIndexDropped: HandChange = {
    kind: "expression index dropped",
    dialects: ["postgres", "sqlite"],
    adoptedOnly: true,
    plan(dialect, dataSource, schema) {
        const index = [...schema.indexes].sort((a, b) => a.name.localeCompare(b.name)).find((i) => i.expression !== undefined);
        if (index === undefined) return null;
        return dropIndexByHand(dialect, dataSource, index);
    },
};

const prefixLengthChanged: HandChange = {
    kind: "index prefix length changed",
    dialects: ["mysql"],
    adoptedOnly: true,
    plan(dialect, dataSource, schema) {
        const index = [...schema.indexes].sort((a, b) => a.name.localeCompare(b.name)).find((i) => i.lengths !== undefined && !i.fulltext && !i.spatial);
        if (index?.lengths === undefined) return null;
        const lengths = index.lengths;
        const keys = (grow: number) =>
            index.columns.map((column, at) => (lengths[at] == null ? q(dialect, column) : `${q(dialect, column)}(${Number(lengths[at]) + grow})`));
        const recreate = async (grow: number) => {
            await dataSource.query(dropIndexSql(dialect, index, index.name));
            await dataSource.query(
                `CREATE ${index.unique ? "UNIQUE " : ""}INDEX ${q(dialect, index.name)} ON ${table(dialect, index)} (${keys(grow).join(", ")})`,
            );
        };
        return {
            expected: { kinds: ["createIndex", "dropIndex"], mentions: `index ${index.name} on ${index.table}` },
            apply: () => recreate(-1),
            undo: () => recreate(0),
        };
    },
};

const unsignedChanged: HandChange = {
    kind: "column unsigned",
    dialects: ["mysql"],
    plan(dialect, dataSource, schema) {
        const column = plainColumns(schema).find((c) => c.type === "int" && !c.unsigned);
        if (column === undefined) return null;
        return {
            expected: { kinds: ["alterColumn"], mentions: `${column.table}.${column.name} unsigned: false → true` },
            ...columnChange(dataSource, dialect, column, {
                postgres: ["", ""],
                edit: (definition) => definition.replace(/ int(\(\d+\))?/i, " int$1 unsigned"),
            }),
        };
    },
};

/** Each column's type in capitals and one part a line: the table SQLite holds is spelled otherwise, the same. */
function respelled(parts: readonly string[]): string[] {
    return parts.map((part) => `\n    ${part.replace(/^("(?:[^"]|"")*") ([a-z]+)/, (_, name: string, type: string) => `${name} ${type.toUpperCase()}`)}`);
}

const tableRespelled: HandChange = {
    kind: "table rebuilt as it was, spelled otherwise (nothing to report)",
    dialects: ["sqlite"],
    plan(dialect, dataSource, schema) {
        const target = plainColumns(schema)[0];
        if (target === undefined) return null;
        return { expected: { kinds: [], mentions: "" }, ...sqliteRebuild(dataSource, target.table, respelled) };
    },
};

const viewRespelled: HandChange = {
    kind: "view re-created as it was, spelled otherwise (nothing to report)",
    dialects: ["postgres", "mysql"],
    plan(dialect, dataSource, schema) {
        const view = leafView(schema);
        if (view === undefined || !/^\s*SELECT\s/i.test(view.expression)) return null;
        const ref = table(dialect, { schema: view.schema, table: view.name });
        const respelled = `\n    select\n        ${view.expression.trim().replace(/^SELECT\s+/i, "")}\n`;
        return {
            expected: { kinds: [], mentions: "" },
            apply: () => dataSource.query(`CREATE OR REPLACE VIEW ${ref} AS ${respelled}`),
            undo: () => dataSource.query(`CREATE OR REPLACE VIEW ${ref} AS ${view.expression}`),
        };
    },
};

/** Definitions changed in place by hand, and respellings that change nothing. */
export const inPlaceChanges: readonly HandChange[] = [
    predicateChanged,
    checkChanged,
    defaultChanged,
    collationChanged,
    expressionIndexAdded,
    tableCollation,
    indexDescending,
    indexPrefix,
    enumValueRenamed,
    expressionIndexDropped,
    prefixLengthChanged,
    unsignedChanged,
    tableRespelled,
    viewRespelled,
];
