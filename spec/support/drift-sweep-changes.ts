import type { DataSource } from "typeorm";
import type { Column, ForeignKey, Index, Schema, TableRef } from "../../lib/schema/model";
import { editedTableSql, isColumnPart, rebuildTable, tableSql } from "./drift-sweep-sqlite";
import {
    type Standing,
    columnWithoutDefault,
    plainColumns,
    enumColumn,
    leafView,
    notNullColumn,
    plainForeignKey,
    plainIndex,
    varcharColumn,
} from "./drift-sweep-targets";

export type SweepDialect = "postgres" | "mysql" | "sqlite";

/** What `check --db` must report for one hand-made change: exactly these op kinds, each naming `mentions`. */
export interface ExpectedDrift {
    readonly kinds: readonly string[];
    readonly mentions: string;
}

/** A hand-made change planned on one database: apply it, and undo it (null: it cannot be undone, run it last). */
export interface PlannedChange {
    readonly expected: ExpectedDrift;
    apply(): Promise<void>;
    readonly undo: (() => Promise<void>) | null;
}

export interface HandChange {
    readonly kind: string;
    /** The dialects the change exists on (SQLite has no enum type nor enum column); all when absent. */
    readonly dialects?: readonly SweepDialect[];
    /** Made to what entities cannot declare (an expression index, a prefix length): swept on adopted databases only. */
    readonly adoptedOnly?: boolean;
    /** The change on `schema`'s database, or null when the schema has nothing it applies to. */
    plan(dialect: SweepDialect, dataSource: DataSource, schema: Schema): PlannedChange | null;
}

export const q = (dialect: SweepDialect, name: string) => (dialect === "mysql" ? `\`${name.replaceAll("`", "``")}\`` : `"${name.replaceAll('"', '""')}"`);
export const table = (dialect: SweepDialect, ref: TableRef) =>
    ref.schema === "" ? q(dialect, ref.table) : `${q(dialect, ref.schema)}.${q(dialect, ref.table)}`;

const SWEEP_INDEX = "IDX_drift_sweep";
const SWEEP_CHECK = "CHK_drift_sweep";

/** The column's line of SHOW CREATE TABLE, without its comma: what MODIFY takes to keep everything else. */
export async function mysqlColumnLine(dataSource: DataSource, column: Column): Promise<string> {
    const [row] = await dataSource.query<Record<string, string>[]>(`SHOW CREATE TABLE ${q("mysql", column.table)}`);
    const line = row["Create Table"].split("\n").find((l) => l.trim().startsWith(`${q("mysql", column.name)} `));
    if (line === undefined) throw new Error(`no column ${column.name} in SHOW CREATE TABLE ${column.table}`);
    return line.trim().replace(/,$/, "");
}

/** A change to one column's definition: PostgreSQL statements, MySQL's MODIFY line or SQLite's column part, edited. */
export function columnChange(
    dataSource: DataSource,
    dialect: SweepDialect,
    column: Column,
    change: { postgres: [string, string]; edit: (definition: string) => string },
): Pick<PlannedChange, "apply" | "undo"> {
    const ref = table(dialect, column);
    if (dialect === "postgres") {
        const [forward, back] = change.postgres;
        return { apply: () => dataSource.query(`ALTER TABLE ${ref} ${forward}`), undo: () => dataSource.query(`ALTER TABLE ${ref} ${back}`) };
    }
    if (dialect === "mysql") {
        let original = "";
        return {
            apply: async () => {
                original = await mysqlColumnLine(dataSource, column);
                await dataSource.query(`ALTER TABLE ${ref} MODIFY ${change.edit(original)}`);
            },
            undo: () => dataSource.query(`ALTER TABLE ${ref} MODIFY ${original}`),
        };
    }
    return sqliteRebuild(dataSource, column.table, (parts) => parts.map((part) => (isColumnPart(part, column.name) ? change.edit(part) : part)));
}

/** A SQLite table rebuilt from its CREATE TABLE with its parts edited, and back from the original. */
export function sqliteRebuild(dataSource: DataSource, name: string, edit: (parts: string[]) => string[]): Pick<PlannedChange, "apply" | "undo"> {
    let original = "";
    return {
        apply: async () => {
            original = await tableSql(dataSource, name);
            await rebuildTable(dataSource, name, await editedTableSql(dataSource, name, edit));
        },
        undo: () => rebuildTable(dataSource, name, original),
    };
}

/** A default the column's type takes: a number for a numeric type, else text. */
const defaultFor = (column: Column) => (/int|numeric|decimal|real|double|float/i.test(column.type) ? "7" : "'drift sweep'");

export const alterColumn = (column: Column, attribute: string): ExpectedDrift => ({
    kinds: ["alterColumn"],
    mentions: `${column.table}.${column.name} ${attribute}:`,
});

/**
 * Another type for a column, as PostgreSQL's ALTER COLUMN TYPE there and back and as an edit of
 * its MySQL / SQLite definition. MySQL gets char, not text: an index over a text column gets a prefix.
 */
function retyped(dialect: SweepDialect, column: Column): { postgres: [string, string]; edit: (definition: string) => string } | undefined {
    const name = q(dialect, column.name);
    if (["character varying", "varchar"].includes(column.type) && column.length !== "") {
        return {
            postgres: [`ALTER COLUMN ${name} TYPE text`, `ALTER COLUMN ${name} TYPE character varying(${column.length})`],
            edit: (definition) => definition.replace(/ varchar\((\d+)\)/i, dialect === "mysql" ? " char($1)" : " text"),
        };
    }
    if (["integer", "int"].includes(column.type)) {
        return {
            postgres: [`ALTER COLUMN ${name} TYPE bigint`, `ALTER COLUMN ${name} TYPE integer`],
            edit: (definition) => definition.replace(/ int(eger)?(\(\d+\))?( |$)/i, " bigint$3"),
        };
    }
    return undefined;
}

/** Another type for a column picked by `standing`: the type is the only difference, whatever stands on the column. */
const columnTypeUnder = (kind: string, standing: Standing): HandChange => ({
    kind,
    plan(dialect, dataSource, schema) {
        const column = plainColumns(schema, standing).find((c) => retyped(dialect, c) !== undefined && c.collation === null && c.charset === null);
        if (column === undefined) return null;
        return {
            expected: alterColumn(column, "type"),
            ...columnChange(dataSource, dialect, column, retyped(dialect, column) as NonNullable<ReturnType<typeof retyped>>),
        };
    },
});

const columnType = columnTypeUnder("column type", {});

const columnDefault: HandChange = {
    kind: "column default",
    plan(dialect, dataSource, schema) {
        const column = columnWithoutDefault(schema);
        if (column === undefined) return null;
        const alter = `ALTER TABLE ${table(dialect, column)} ALTER COLUMN ${q(dialect, column.name)}`;
        const expected = alterColumn(column, "default");
        if (dialect !== "sqlite") {
            return {
                expected,
                apply: () => dataSource.query(`${alter} SET DEFAULT ${defaultFor(column)}`),
                undo: () => dataSource.query(`${alter} DROP DEFAULT`),
            };
        }
        return {
            expected,
            ...columnChange(dataSource, dialect, column, { postgres: ["", ""], edit: (definition) => `${definition} DEFAULT ${defaultFor(column)}` }),
        };
    },
};

const columnNullability: HandChange = {
    kind: "column nullability",
    plan(dialect, dataSource, schema) {
        const column = notNullColumn(schema);
        if (column === undefined) return null;
        const name = q(dialect, column.name);
        return {
            expected: alterColumn(column, "nullable"),
            ...columnChange(dataSource, dialect, column, {
                postgres: [`ALTER COLUMN ${name} DROP NOT NULL`, `ALTER COLUMN ${name} SET NOT NULL`],
                edit: (definition) => definition.replace(/ NOT NULL/i, dialect === "mysql" ? " NULL" : ""),
            }),
        };
    },
};

export const dropIndexSql = (dialect: SweepDialect, ref: TableRef, name: string) =>
    dialect === "mysql"
        ? `DROP INDEX ${q(dialect, name)} ON ${table(dialect, ref)}`
        : `DROP INDEX ${ref.schema === "" ? q(dialect, name) : `${q(dialect, ref.schema)}.${q(dialect, name)}`}`;

const indexAdded: HandChange = {
    kind: "index added",
    plan(dialect, dataSource, schema) {
        const column = varcharColumn(schema);
        if (column === undefined) return null;
        return {
            expected: { kinds: ["createIndex"], mentions: `index ${SWEEP_INDEX} on ${column.table}` },
            apply: () => dataSource.query(`CREATE INDEX ${q(dialect, SWEEP_INDEX)} ON ${table(dialect, column)} (${q(dialect, column.name)})`),
            undo: () => dataSource.query(dropIndexSql(dialect, column, SWEEP_INDEX)),
        };
    },
};

/** The statement that creates the index as it is now, read from the database. */
export async function indexDefinition(dialect: SweepDialect, dataSource: DataSource, index: Schema["indexes"][number]): Promise<string> {
    if (dialect === "postgres") {
        const [row] = await dataSource.query<{ definition: string }[]>(`SELECT pg_get_indexdef(to_regclass($1)) AS "definition"`, [
            `${q(dialect, index.schema)}.${q(dialect, index.name)}`,
        ]);
        return row.definition;
    }
    if (dialect === "sqlite") {
        const [row] = await dataSource.query<{ sql: string }[]>(`SELECT "sql" FROM "sqlite_master" WHERE "type" = 'index' AND "name" = ?`, [index.name]);
        return row.sql;
    }
    return `CREATE INDEX ${q(dialect, index.name)} ON ${table(dialect, index)} (${index.columns.map((c) => q(dialect, c)).join(", ")})`;
}

const indexDropped: HandChange = {
    kind: "index dropped",
    plan(dialect, dataSource, schema) {
        const index = plainIndex(schema);
        if (index === undefined) return null;
        return dropIndexByHand(dialect, dataSource, index);
    },
};

/** Drops `index` by hand, expecting one dropIndex; the undo creates it again as the server printed it. */
export function dropIndexByHand(dialect: SweepDialect, dataSource: DataSource, index: Index): PlannedChange {
    let definition = "";
    return {
        expected: { kinds: ["dropIndex"], mentions: `index ${index.name} on ${index.table}` },
        apply: async () => {
            definition = await indexDefinition(dialect, dataSource, index);
            await dataSource.query(dropIndexSql(dialect, index, index.name));
        },
        undo: () => dataSource.query(definition),
    };
}

const checkAdded: HandChange = {
    kind: "check added",
    plan(dialect, dataSource, schema) {
        const column = varcharColumn(schema);
        if (column === undefined) return null;
        const length = dialect === "mysql" ? "char_length" : "length";
        const constraint = `CONSTRAINT ${q(dialect, SWEEP_CHECK)} CHECK (${length}(${q(dialect, column.name)}) >= 0)`;
        const expected = { kinds: ["addCheck"], mentions: `check ${SWEEP_CHECK} on ${column.table}` };
        if (dialect === "sqlite") return { expected, ...sqliteRebuild(dataSource, column.table, (parts) => [...parts, constraint]) };
        return {
            expected,
            apply: () => dataSource.query(`ALTER TABLE ${table(dialect, column)} ADD ${constraint}`),
            undo: () => dataSource.query(`ALTER TABLE ${table(dialect, column)} DROP CONSTRAINT ${q(dialect, SWEEP_CHECK)}`),
        };
    },
};

function foreignKeySql(dialect: SweepDialect, fk: ForeignKey, onDelete: string): string {
    const columns = (names: readonly string[]) => names.map((name) => q(dialect, name)).join(", ");
    const referenced = table(dialect, { schema: fk.referencedSchema, table: fk.referencedTable });
    return (
        `CONSTRAINT ${q(dialect, fk.name)} FOREIGN KEY (${columns(fk.columns)}) REFERENCES ${referenced} (${columns(fk.referencedColumns)}) ` +
        `ON DELETE ${onDelete} ON UPDATE ${fk.onUpdate}`
    );
}

const foreignKeyAction: HandChange = {
    kind: "foreign key ON DELETE",
    plan(dialect, dataSource, schema) {
        const fk = plainForeignKey(schema);
        if (fk === undefined) return null;
        const onDelete = fk.onDelete === "CASCADE" ? "RESTRICT" : "CASCADE";
        const expected = { kinds: ["addForeignKey", "dropForeignKey"], mentions: `foreign key ${fk.name}` };
        if (dialect === "sqlite") {
            const isFk = (part: string) => part.startsWith(`CONSTRAINT ${q(dialect, fk.name)} FOREIGN KEY`);
            const edit = (part: string) => part.replace(/ ON DELETE (CASCADE|SET NULL|SET DEFAULT|RESTRICT|NO ACTION)/, ` ON DELETE ${onDelete}`);
            return { expected, ...sqliteRebuild(dataSource, fk.table, (parts) => parts.map((part) => (isFk(part) ? edit(part) : part))) };
        }
        const alter = `ALTER TABLE ${table(dialect, fk)}`;
        // MariaDB refuses to drop and add a foreign key of the same name in one ALTER (errno 121).
        const replace = async (action: string) => {
            await dataSource.query(`${alter} ${dialect === "mysql" ? "DROP FOREIGN KEY" : "DROP CONSTRAINT"} ${q(dialect, fk.name)}`);
            await dataSource.query(`${alter} ADD ${foreignKeySql(dialect, fk, action)}`);
        };
        return { expected, apply: () => replace(onDelete), undo: () => replace(fk.onDelete) };
    },
};

const viewBody: HandChange = {
    kind: "view body",
    plan(dialect, dataSource, schema) {
        const view = leafView(schema);
        if (view === undefined) return null;
        const ref = table(dialect, { schema: view.schema, table: view.name });
        const changed = `SELECT * FROM (${view.expression.trim()}) ${q(dialect, "drift_sweep")} LIMIT 1000`;
        const expected = { kinds: ["createView", "dropView"], mentions: `view ${view.name} changed` };
        if (dialect !== "sqlite") {
            return {
                expected,
                apply: () => dataSource.query(`CREATE OR REPLACE VIEW ${ref} AS ${changed}`),
                undo: () => dataSource.query(`CREATE OR REPLACE VIEW ${ref} AS ${view.expression}`),
            };
        }
        let original = "";
        return {
            expected,
            apply: async () => {
                const [row] = await dataSource.query<{ sql: string }[]>(`SELECT "sql" FROM "sqlite_master" WHERE "type" = 'view' AND "name" = ?`, [view.name]);
                original = row.sql;
                await dataSource.query(`DROP VIEW ${ref}`);
                await dataSource.query(`CREATE VIEW ${ref} AS ${changed}`);
            },
            undo: async () => {
                await dataSource.query(`DROP VIEW ${ref}`);
                await dataSource.query(original);
            },
        };
    },
};

export const enumValue: HandChange = {
    kind: "enum value added",
    dialects: ["postgres", "mysql"],
    plan(dialect, dataSource, schema) {
        if (dialect === "postgres") {
            const type = [...schema.enums].sort((a, b) => a.name.localeCompare(b.name))[0];
            if (type === undefined) return null;
            return {
                expected: { kinds: ["alterEnum"], mentions: `values: ${type.values.join(", ")} → ${[...type.values, "drift_sweep"].join(", ")}` },
                // PostgreSQL cannot drop an enum value: this change runs last.
                apply: () => dataSource.query(`ALTER TYPE ${table(dialect, { schema: type.schema, table: type.name })} ADD VALUE 'drift_sweep'`),
                undo: null,
            };
        }
        const column = dialect === "mysql" ? enumColumn(schema) : undefined;
        if (column === undefined) return null;
        return {
            expected: alterColumn(column, "enum"),
            ...columnChange(dataSource, dialect, column, {
                postgres: ["", ""],
                edit: (definition) => definition.replace(/enum\((.*?)\)( |$)/, "enum($1,'drift_sweep')$2"),
            }),
        };
    },
};

/** The kinds of hand-made change issue 16 names, but the enum value (PostgreSQL cannot undo it: it runs last). */
export const namedChanges: readonly HandChange[] = [
    columnType,
    columnTypeUnder("column type, its table read by a view", { viewTable: true }),
    columnTypeUnder("column type, under an index", { indexed: true }),
    columnDefault,
    columnNullability,
    indexAdded,
    indexDropped,
    checkAdded,
    foreignKeyAction,
    viewBody,
];
