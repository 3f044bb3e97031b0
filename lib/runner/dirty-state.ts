import type { DataSource, QueryRunner } from "typeorm";
import { dialectOf } from "../metadata/dialect-of";
import type { StatementLog } from "./statement-tracker";

/** A migration that failed part way on a connection without a transaction: the database is in between. */
export interface DirtyMigration {
    readonly revision: string;
    readonly name: string;
    readonly direction: "up" | "down";
    /** Statements that ran and stay applied, in order. */
    readonly applied: readonly string[];
    readonly failedStatement: string;
    readonly error: string;
}

// One row at most; the table exists only while the bind is dirty, so a clean database holds
// nothing but TypeORM's migrations table.
export const dirtyTableName = "typeorm_migrate_dirty";

/** Where the runner remembers a partial failure until `upgrade --resume` or `stamp` settles it. */
export class DirtyState {
    constructor(private readonly dataSource: DataSource, private readonly queryRunner: QueryRunner) {}

    async read(): Promise<DirtyMigration | null> {
        if (!(await this.queryRunner.hasTable(dirtyTableName))) return null;
        const rows = (await this.queryRunner.query(`SELECT ${["revision", "name", "direction", "applied", "failed_statement", "error"].map((c) => this.quote(c)).join(", ")} FROM ${this.quote(dirtyTableName)}`)) as Record<string, string>[];
        if (rows.length === 0) return null;
        const row = rows[0];
        return {
            revision: row.revision,
            name: row.name,
            direction: row.direction === "down" ? "down" : "up",
            applied: JSON.parse(row.applied) as string[],
            failedStatement: row.failed_statement,
            error: row.error,
        };
    }

    async mark(migration: { revision: string; name: string }, direction: "up" | "down", log: StatementLog, error: Error): Promise<void> {
        await this.clear();
        // MySQL's TEXT holds 64 KB; a long migration's statement log may not fit.
        const text = dialectOf(this.dataSource.options.type) === "mysql" ? "longtext" : "text";
        const columns = ["revision", "name", "direction", "applied", "failed_statement", "error"];
        await this.queryRunner.query(`CREATE TABLE ${this.quote(dirtyTableName)} (${columns.map((c) => `${this.quote(c)} ${text} NOT NULL`).join(", ")})`);
        const values = [migration.revision, migration.name, direction, JSON.stringify(log.executed), log.failed ?? "", error.message];
        const placeholders = values.map((_, i) => this.dataSource.driver.createParameter(`p${i}`, i));
        await this.queryRunner.query(`INSERT INTO ${this.quote(dirtyTableName)} (${columns.map((c) => this.quote(c)).join(", ")}) VALUES (${placeholders.join(", ")})`, values);
    }

    async clear(): Promise<void> {
        if (await this.queryRunner.hasTable(dirtyTableName)) await this.queryRunner.query(`DROP TABLE ${this.quote(dirtyTableName)}`);
    }

    private quote(name: string): string {
        return this.dataSource.driver.escape(name);
    }
}
