// Helpers shared by the SQLite dialect specs.
import type BetterSqlite3 from "better-sqlite3";
import { diff } from "../../lib/diff/diff";
import { invertOps } from "../../lib/diff/invert";
import type { Op } from "../../lib/diff/ops";
import { sqliteDialect } from "../../lib/dialects/sqlite";
import { renderStatements } from "../../lib/render/statements";
import { canonicalize } from "../../lib/schema/canonical";
import { emptySchema, type Column, type ForeignKey, type Index, type PrimaryKey, type Schema, type Table } from "../../lib/schema/model";
import * as model from "./model-builders";

export interface Migration {
    readonly ops: readonly Op[];
    readonly sql: readonly string[];
}

/** The SQL the SQLite dialect emits for `ops` applied to `start`, flattened. */
export function sqliteSql(start: Schema, ops: readonly Op[]): string[] {
    return renderStatements(sqliteDialect, start, ops).flatMap((entry) => entry.statements.map((s) => s.sql));
}

/**
 * Runs statements the way TypeORM runs migrations on better-sqlite3: foreign keys OFF before the
 * transaction (the pragma is a no-op inside one), `PRAGMA foreign_key_check` before COMMIT.
 */
export function runMigrationSql(db: BetterSqlite3.Database, statements: readonly string[]): void {
    db.pragma("foreign_keys = OFF");
    try {
        db.exec("BEGIN");
        try {
            for (const sql of statements) runStatement(db, sql);
            const problems = db.pragma("foreign_key_check") as unknown[];
            if (problems.length > 0) throw new Error(`foreign key violations: ${JSON.stringify(problems)}`);
            db.exec("COMMIT");
        } catch (error) {
            db.exec("ROLLBACK");
            throw error;
        }
    } finally {
        db.pragma("foreign_keys = ON");
    }
}

/** One statement, as TypeORM's better-sqlite3 query runner runs it (`all()` for those that return rows). */
export function runStatement(db: BetterSqlite3.Database, sql: string): void {
    const statement = db.prepare(sql);
    if (statement.reader) statement.all();
    else statement.run();
}

/** Diffs `from` → `to`, renders the up SQL and runs it. */
export function migrateUp(db: BetterSqlite3.Database, from: Schema, to: Schema): Migration {
    return runOps(db, from, diff(from, to));
}

/** Runs the down of the migration `from` → `to` on a database that is at `to`. */
export function migrateDown(db: BetterSqlite3.Database, from: Schema, to: Schema): Migration {
    return runOps(db, to, invertOps(diff(from, to)));
}

export function runOps(db: BetterSqlite3.Database, start: Schema, ops: readonly Op[]): Migration {
    const sql = sqliteSql(start, ops);
    runMigrationSql(db, sql);
    return { ops, sql };
}

/** Every row of a table, ordered by its first column, for before/after comparisons. */
export function rowsOf(db: BetterSqlite3.Database, table: string): unknown[] {
    return db.prepare(`SELECT * FROM "${table.replaceAll('"', '""')}" ORDER BY 1`).all();
}

/** A nullable, non-generated column of `table`; `patch` sets the rest. */
export function column(table: string, name: string, type: string, patch: Partial<Column> = {}): Column {
    return model.column({ schema: "", table, name, type, nullable: true, ...patch });
}

/** `id integer PRIMARY KEY AUTOINCREMENT` of `table`. */
export function idColumn(table: string): Column {
    return column(table, "id", "integer", { nullable: false, generated: "increment", primary: true });
}

export function tableEntry(name: string, patch: Partial<Table> = {}): Table {
    return model.table({ schema: "", table: name, ...patch });
}

export function index(table: string, name: string, columns: string[], patch: Partial<Index> = {}): Index {
    return model.index({ schema: "", table, name, columns, ...patch });
}

export function foreignKey(table: string, name: string, columns: string[], referenced: string, patch: Partial<ForeignKey> = {}): ForeignKey {
    return {
        schema: "",
        table,
        name,
        columns,
        referencedSchema: "",
        referencedTable: referenced,
        referencedColumns: ["id"],
        onDelete: "NO ACTION",
        onUpdate: "NO ACTION",
        deferrable: null,
        ...patch,
    };
}

export function primaryKey(table: string, columns: string[]): PrimaryKey {
    return { schema: "", table, name: `PK_${table}`, columns };
}

/** A canonical SQLite schema holding `parts`. */
export function sqliteSchema(parts: Partial<Omit<Schema, "version" | "dialect">>): Schema {
    return canonicalize({ ...emptySchema("sqlite", "", "1.1.1"), ...parts });
}

/** A copy of `schema` with `change` applied to its collections, canonicalized. */
export function changeSchema(schema: Schema, change: (draft: Mutable<Schema>) => void): Schema {
    const draft: Mutable<Schema> = { ...schema };
    change(draft);
    return canonicalize(draft);
}

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Replaces the column `table.name` using `patch`. */
export function patchColumn(schema: Mutable<Schema>, table: string, name: string, patch: Partial<Column>): void {
    schema.columns = schema.columns.map((c) => (c.table === table && c.name === name ? { ...c, ...patch } : c));
}
