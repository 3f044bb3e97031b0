import type { DataSource } from "typeorm";
import type { Check, ForeignKey, Schema, View } from "../../lib/schema/model";
import { columnChange, q, sqliteRebuild, table, type HandChange, type PlannedChange, type SweepDialect } from "./drift-sweep-changes";
import { leafView, plainColumns, plainForeignKey, varcharColumn } from "./drift-sweep-targets";

// Hand-made changes beyond those issue 16 names: objects dropped and added, comments.

const SWEEP = "drift_sweep";

const checkDropped: HandChange = {
    kind: "check dropped",
    plan(dialect, dataSource, schema) {
        const check = [...schema.checks].sort((a, b) => a.name.localeCompare(b.name))[0] as Check | undefined;
        if (check === undefined) return null;
        const expected = { kinds: ["dropCheck"], mentions: `check ${check.name} on ${check.table}` };
        const constraint = `CONSTRAINT ${q(dialect, check.name)} CHECK (${check.expression})`;
        if (dialect === "sqlite") {
            return {
                expected,
                ...sqliteRebuild(dataSource, check.table, (parts) => parts.filter((part) => !part.startsWith(`CONSTRAINT ${q(dialect, check.name)} CHECK`))),
            };
        }
        return {
            expected,
            apply: () => dataSource.query(`ALTER TABLE ${table(dialect, check)} DROP CONSTRAINT ${q(dialect, check.name)}`),
            undo: () => dataSource.query(`ALTER TABLE ${table(dialect, check)} ADD ${constraint}`),
        };
    },
};

const columnAdded: HandChange = {
    kind: "column added",
    plan(dialect, dataSource, schema) {
        const column = plainColumns(schema)[0];
        if (column === undefined) return null;
        const alter = `ALTER TABLE ${table(dialect, column)}`;
        return {
            expected: { kinds: ["addColumn"], mentions: `column ${column.table}.${SWEEP} is new` },
            apply: () => dataSource.query(`${alter} ADD COLUMN ${q(dialect, SWEEP)} integer`),
            undo: () => dataSource.query(`${alter} DROP COLUMN ${q(dialect, SWEEP)}`),
        };
    },
};

const tableAdded: HandChange = {
    kind: "table added",
    plan(dialect, dataSource, schema) {
        const ref = table(dialect, { schema: schema.defaultSchema, table: SWEEP });
        return {
            expected: { kinds: ["createTable"], mentions: `table ${SWEEP} is new` },
            apply: () =>
                dataSource.query(
                    `CREATE TABLE ${ref} (${q(dialect, "id")} integer NOT NULL, CONSTRAINT ${q(dialect, "PK_drift_sweep")} PRIMARY KEY (${q(dialect, "id")}))`,
                ),
            undo: () => dataSource.query(`DROP TABLE ${ref}`),
        };
    },
};

function foreignKeyDefinition(dialect: SweepDialect, fk: ForeignKey): string {
    const columns = (names: readonly string[]) => names.map((name) => q(dialect, name)).join(", ");
    const referenced = table(dialect, { schema: fk.referencedSchema, table: fk.referencedTable });
    return `CONSTRAINT ${q(dialect, fk.name)} FOREIGN KEY (${columns(fk.columns)}) REFERENCES ${referenced} (${columns(fk.referencedColumns)}) ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`;
}

const foreignKeyDropped: HandChange = {
    kind: "foreign key dropped",
    plan(dialect, dataSource, schema) {
        const fk = plainForeignKey(schema);
        if (fk === undefined) return null;
        const expected = { kinds: ["dropForeignKey"], mentions: `foreign key ${fk.name}` };
        if (dialect === "sqlite") {
            return {
                expected,
                ...sqliteRebuild(dataSource, fk.table, (parts) => parts.filter((part) => !part.startsWith(`CONSTRAINT ${q(dialect, fk.name)} FOREIGN KEY`))),
            };
        }
        const alter = `ALTER TABLE ${table(dialect, fk)}`;
        return {
            expected,
            apply: () => dataSource.query(`${alter} ${dialect === "mysql" ? "DROP FOREIGN KEY" : "DROP CONSTRAINT"} ${q(dialect, fk.name)}`),
            undo: () => dataSource.query(`${alter} ADD ${foreignKeyDefinition(dialect, fk)}`),
        };
    },
};

const uniqueAdded: HandChange = {
    kind: "unique added",
    plan(dialect, dataSource, schema) {
        const column = varcharColumn(schema);
        if (column === undefined) return null;
        const constraint = `CONSTRAINT ${q(dialect, "UQ_drift_sweep")} UNIQUE (${q(dialect, column.name)})`;
        const expected = { kinds: [dialect === "mysql" ? "createIndex" : "addUnique"], mentions: "UQ_drift_sweep" };
        if (dialect === "sqlite") return { expected, ...sqliteRebuild(dataSource, column.table, (parts) => [...parts, constraint]) };
        const alter = `ALTER TABLE ${table(dialect, column)}`;
        return {
            expected,
            apply: () => dataSource.query(`${alter} ADD ${constraint}`),
            undo: () =>
                dataSource.query(
                    dialect === "mysql" ? `${alter} DROP INDEX ${q(dialect, "UQ_drift_sweep")}` : `${alter} DROP CONSTRAINT ${q(dialect, "UQ_drift_sweep")}`,
                ),
        };
    },
};

const commentChanged: HandChange = {
    kind: "column comment",
    dialects: ["postgres", "mysql"],
    plan(dialect, dataSource, schema) {
        const column = plainColumns(schema).find((c) => c.comment === null);
        if (column === undefined) return null;
        const expected = { kinds: ["alterColumn"], mentions: `${column.table}.${column.name} comment:` };
        if (dialect === "mysql")
            return {
                expected,
                ...columnChange(dataSource, dialect, column, { postgres: ["", ""], edit: (definition) => `${definition} COMMENT 'drift sweep'` }),
            };
        const on = `COMMENT ON COLUMN ${table(dialect, column)}.${q(dialect, column.name)} IS`;
        return { expected, apply: () => dataSource.query(`${on} 'drift sweep'`), undo: () => dataSource.query(`${on} NULL`) };
    },
};

const tableComment: HandChange = {
    kind: "table comment",
    dialects: ["postgres", "mysql"],
    plan(dialect, dataSource, schema) {
        const target = [...schema.tables].sort((a, b) => a.table.localeCompare(b.table)).find((t) => t.comment === null);
        if (target === undefined) return null;
        const set = (comment: string) =>
            dataSource.query(
                dialect === "mysql" ? `ALTER TABLE ${table(dialect, target)} COMMENT = ${comment}` : `COMMENT ON TABLE ${table(dialect, target)} IS ${comment}`,
            );
        return {
            expected: { kinds: ["setTableComment"], mentions: "comment: none → drift sweep" },
            apply: () => set("'drift sweep'"),
            undo: () => set(dialect === "mysql" ? "''" : "NULL"),
        };
    },
};

const viewAdded: HandChange = {
    kind: "view added",
    plan(dialect, dataSource, schema) {
        const ref = table(dialect, { schema: schema.defaultSchema, table: SWEEP });
        return {
            expected: { kinds: ["createView"], mentions: `view ${SWEEP} is new` },
            apply: () => dataSource.query(`CREATE VIEW ${ref} AS SELECT 1 AS ${q(dialect, "one")}`),
            undo: () => dataSource.query(`DROP VIEW ${ref}`),
        };
    },
};

async function viewSql(dataSource: DataSource, dialect: SweepDialect, view: View): Promise<string> {
    if (dialect !== "sqlite") return `CREATE VIEW ${table(dialect, { schema: view.schema, table: view.name })} AS ${view.expression}`;
    const [row] = await dataSource.query<{ sql: string }[]>(`SELECT "sql" FROM "sqlite_master" WHERE "type" = 'view' AND "name" = ?`, [view.name]);
    return row.sql;
}

const viewDropped: HandChange = {
    kind: "view dropped",
    plan(dialect, dataSource, schema: Schema): PlannedChange | null {
        const view = leafView(schema);
        if (view === undefined) return null;
        let definition = "";
        return {
            expected: { kinds: ["dropView"], mentions: `view ${view.name} removed` },
            apply: async () => {
                definition = await viewSql(dataSource, dialect, view);
                await dataSource.query(`DROP VIEW ${table(dialect, { schema: view.schema, table: view.name })}`);
            },
            undo: () => dataSource.query(definition),
        };
    },
};

const exclusionDropped: HandChange = {
    kind: "exclusion dropped",
    dialects: ["postgres"],
    plan(dialect, dataSource, schema) {
        const exclusion = [...schema.exclusions].sort((a, b) => a.name.localeCompare(b.name))[0] as Schema["exclusions"][number] | undefined;
        if (exclusion === undefined) return null;
        const alter = `ALTER TABLE ${table(dialect, exclusion)}`;
        return {
            expected: { kinds: ["dropExclusion"], mentions: `exclusion ${exclusion.name} on ${exclusion.table}` },
            apply: () => dataSource.query(`${alter} DROP CONSTRAINT ${q(dialect, exclusion.name)}`),
            undo: () => dataSource.query(`${alter} ADD CONSTRAINT ${q(dialect, exclusion.name)} EXCLUDE ${exclusion.expression}`),
        };
    },
};

/** Objects added and dropped by hand, and comments. */
export const moreChanges: readonly HandChange[] = [
    checkDropped,
    columnAdded,
    tableAdded,
    foreignKeyDropped,
    uniqueAdded,
    commentChanged,
    tableComment,
    viewAdded,
    viewDropped,
    exclusionDropped,
];
