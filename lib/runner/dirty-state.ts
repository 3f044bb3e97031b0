import type { DataSource, QueryRunner } from "typeorm";
import { dialectForDriver } from "../dialects/registry";
import { dirtyTableName } from "../catalog/bookkeeping-tables";
import { isReadOnlyStatement } from "./read-only";

/**
 * `applied`: it completed. `started`: it was sent and the run stopped before hearing back (the
 * process was killed, the connection lost): it may or may not have applied. `failed`: the
 * database refused it, so it did not apply.
 */
export type StatementState = "applied" | "started" | "failed";

export interface JournalEntry {
    /** Its place in the journal: rising, not necessarily consecutive. */
    readonly seq: number;
    readonly statement: string;
    readonly state: StatementState;
    readonly error: string | null;
}

/**
 * A migration that ran statements without a transaction around them and did not finish: the
 * database holds some of them. Written before the first statement that cannot be rolled back,
 * updated as statements complete, removed when the migration is recorded.
 */
export interface DirtyMigration {
    readonly revision: string;
    readonly name: string;
    readonly direction: "up" | "down";
    /** Every statement the run sent once the journal began, in order. */
    readonly statements: readonly JournalEntry[];
    /** The statements that completed and stay applied (reads left out), in order. */
    readonly applied: readonly string[];
    /** Where the run stopped: the statement that failed or was under way; null if all completed. */
    readonly stoppedAt: JournalEntry | null;
}

// One row per statement: a run appends as it goes instead of rewriting one ever longer log.
const columns = ["seq", "revision", "name", "direction", "statement", "state", "error"] as const;

/** The journal of a migration running without a transaction, until it is recorded or `stamp` settles it. */
export class DirtyState {
    constructor(
        private readonly dataSource: DataSource,
        private readonly queryRunner: QueryRunner,
    ) {}

    async read(): Promise<DirtyMigration | null> {
        if (!(await this.queryRunner.hasTable(dirtyTableName))) return null;
        if (await this.inFirstLayout()) return this.readFirstLayout();
        const rows = (await this.queryRunner.query(
            `SELECT ${columns.map((c) => this.quote(c)).join(", ")} FROM ${this.quote(dirtyTableName)} ORDER BY ${this.quote("seq")}`,
        )) as Record<string, string | number | null>[];
        // Created, but the first statement was not sent yet: nothing ran.
        if (rows.length === 0) return null;
        const statements = rows.map((row) => ({
            seq: Number(row.seq),
            statement: String(row.statement),
            state: row.state as StatementState,
            error: row.error === null ? null : String(row.error),
        }));
        const last = statements[statements.length - 1];
        return {
            revision: String(rows[0].revision),
            name: String(rows[0].name),
            direction: rows[0].direction === "down" ? "down" : "up",
            statements,
            applied: statements.filter((s) => s.state === "applied" && !isReadOnlyStatement(s.statement)).map((s) => s.statement),
            stoppedAt: last.state === "applied" ? null : last,
        };
    }

    /**
     * Rewrites a journal kept in the first release's layout (one row, the applied statements as a
     * JSON list) in today's, so that a resumed run can go on appending to it.
     */
    async upgradeLayout(): Promise<void> {
        if (!(await this.queryRunner.hasTable(dirtyTableName)) || !(await this.inFirstLayout())) return;
        const dirty = await this.readFirstLayout();
        if (dirty === null) return this.clear();
        const journal = await this.begin(dirty, dirty.direction);
        for (const entry of dirty.statements) {
            const seq = await journal.started(entry.statement);
            await (entry.state === "failed" ? journal.failed(seq, entry.error ?? "") : journal.applied(seq));
        }
    }

    private async inFirstLayout(): Promise<boolean> {
        return this.queryRunner.hasColumn(dirtyTableName, "failed_statement");
    }

    private async readFirstLayout(): Promise<DirtyMigration | null> {
        const names = ["revision", "name", "direction", "applied", "failed_statement", "error"];
        const [row] = (await this.queryRunner.query(`SELECT ${names.map((c) => this.quote(c)).join(", ")} FROM ${this.quote(dirtyTableName)}`)) as (
            Record<string, string> | undefined
        )[];
        if (row === undefined) return null;
        const statements: JournalEntry[] = (JSON.parse(row.applied) as string[]).map((statement, seq) => ({ seq, statement, state: "applied", error: null }));
        if (row.failed_statement) statements.push({ seq: statements.length, statement: row.failed_statement, state: "failed", error: row.error });
        const stop = statements[statements.length - 1];
        return {
            revision: row.revision,
            name: row.name,
            direction: row.direction === "down" ? "down" : "up",
            statements,
            applied: statements.filter((e) => e.state === "applied" && !isReadOnlyStatement(e.statement)).map((e) => e.statement),
            stoppedAt: stop === undefined || stop.state === "applied" ? null : stop,
        };
    }

    /** Starts the journal of `migration` (replacing any other). */
    async begin(migration: { revision: string; name: string }, direction: "up" | "down"): Promise<Journal> {
        await this.clear();
        const text = dialectForDriver(this.dataSource.options.type).runtime.longTextType;
        const definitions = columns.map((c) => `${this.quote(c)} ${c === "seq" ? "integer NOT NULL" : c === "error" ? text : `${text} NOT NULL`}`);
        await this.queryRunner.query(`CREATE TABLE ${this.quote(dirtyTableName)} (${definitions.join(", ")})`);
        return new Journal(this, { ...migration, direction }, 0);
    }

    /** Continues the journal a previous run left, appending after its last statement. */
    continue(dirty: DirtyMigration): Journal {
        return new Journal(this, dirty, Math.max(...dirty.statements.map((s) => s.seq)) + 1);
    }

    async clear(): Promise<void> {
        if (await this.queryRunner.hasTable(dirtyTableName)) await this.queryRunner.query(`DROP TABLE ${this.quote(dirtyTableName)}`);
    }

    /** @internal */
    async insert(row: Record<(typeof columns)[number], string | number | null>): Promise<void> {
        const values = columns.map((c) => row[c]);
        const placeholders = values.map((_, i) => this.dataSource.driver.createParameter(`p${i}`, i));
        await this.queryRunner.query(
            `INSERT INTO ${this.quote(dirtyTableName)} (${columns.map((c) => this.quote(c)).join(", ")}) VALUES (${placeholders.join(", ")})`,
            values,
        );
    }

    /** @internal */
    async settle(seq: number, state: StatementState, error: string | null): Promise<void> {
        const [p0, p1, p2] = [0, 1, 2].map((i) => this.dataSource.driver.createParameter(`p${i}`, i));
        await this.queryRunner.query(
            `UPDATE ${this.quote(dirtyTableName)} SET ${this.quote("state")} = ${p0}, ${this.quote("error")} = ${p1} WHERE ${this.quote("seq")} = ${p2}`,
            [state, error, seq],
        );
    }

    /** @internal */
    async remove(seq: number): Promise<void> {
        await this.queryRunner.query(
            `DELETE FROM ${this.quote(dirtyTableName)} WHERE ${this.quote("seq")} = ${this.dataSource.driver.createParameter("p0", 0)}`,
            [seq],
        );
    }

    private quote(name: string): string {
        return this.dataSource.driver.escape(name);
    }
}

/** One migration's journal: a row written as each statement starts, settled as it ends. */
export class Journal {
    constructor(
        private readonly state: DirtyState,
        private readonly migration: { readonly revision: string; readonly name: string; readonly direction: "up" | "down" },
        private next: number,
    ) {}

    /** Records `statement` as sent; returns its place, to settle once it ends. */
    async started(statement: string): Promise<number> {
        const seq = this.next++;
        const { revision, name, direction } = this.migration;
        await this.state.insert({ seq, revision, name, direction, statement, state: "started", error: null });
        return seq;
    }

    async applied(seq: number): Promise<void> {
        await this.state.settle(seq, "applied", null);
    }

    async failed(seq: number, error: string): Promise<void> {
        await this.state.settle(seq, "failed", error);
    }

    /** Takes back the row of a statement that, as it turned out, did not apply (before running it again). */
    async forget(seq: number): Promise<void> {
        await this.state.remove(seq);
    }
}
