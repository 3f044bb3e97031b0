import { expect } from "chai";
import type { QueryRunner } from "typeorm";
import { postgresRuntime } from "../../lib/dialects/postgres/runtime";
import { Journal } from "../../lib/runner/dirty-state";
import { LockWaitError, lockRetryDelay, trackStatements, type LockWaits } from "../../lib/runner/statement-tracker";

// A statement that timed out waiting for a lock (lock_timeout) applied nothing: the tracker sends it
// again after a backoff, keeping its one journal row, and clears what the timed-out attempt left first.

const timeout = () => Object.assign(new Error("canceling statement due to lock timeout"), { code: "55P03" });

/** Records what reaches the connection; `failures` holds the errors a statement throws, in turn. */
function fakeRunner(failures: Map<string, Error[]>) {
    const sent: string[] = [];
    const runner = {
        query: async (sql: string) => {
            sent.push(sql);
            const error = failures.get(sql)?.shift();
            if (error !== undefined) throw error;
            return [];
        },
    } as QueryRunner;
    return { runner, sent };
}

class FakeJournal extends Journal {
    readonly rows: { seq: number; statement: string; state: string; error: string | null }[] = [];
    constructor() {
        super(null as never, { revision: "r", name: "n", direction: "up" }, 0);
    }
    override async started(statement: string): Promise<number> {
        this.rows.push({ seq: this.rows.length, statement, state: "started", error: null });
        return this.rows.length - 1;
    }
    override async applied(seq: number): Promise<void> {
        this.rows[seq].state = "applied";
    }
    override async failed(seq: number, error: string): Promise<void> {
        Object.assign(this.rows[seq], { state: "failed", error });
    }
}

async function rejection(promise: Promise<unknown>): Promise<Error | null> {
    return promise.then(
        () => null,
        (error: unknown) => error as Error,
    );
}

const build = `CREATE INDEX CONCURRENTLY "IDX_member_score" ON "public"."member" ("score")`;
const cleanup = `DROP INDEX CONCURRENTLY IF EXISTS "public"."IDX_member_score"`;

function waits(retries: number, slept: number[]): LockWaits {
    return {
        timeoutMs: 200,
        retries,
        isTimeout: (error) => postgresRuntime.lockTimeout?.isTimeout(error) ?? false,
        beforeResending: (sql) => postgresRuntime.beforeResending(sql),
        sleep: async (ms) => {
            slept.push(ms);
        },
    };
}

describe("statement tracker: lock timeout retries", () => {
    it("sends a statement that timed out again, after the cleanup, under one journal row", async () => {
        const { runner, sent } = fakeRunner(new Map([[build, [timeout(), timeout()]]]));
        const journal = new FakeJournal();
        const slept: number[] = [];
        const tracked = trackStatements(runner, { journal: async () => journal, lockWaits: waits(5, slept) });
        await tracked.runner.query(build);
        expect(sent).to.deep.equal([build, cleanup, build, cleanup, build]);
        expect(journal.rows).to.deep.equal([{ seq: 0, statement: build, state: "applied", error: null }]);
        expect(slept).to.deep.equal([200, 400]);
        expect(tracked.log()).to.deep.equal({ applied: [build], failed: null, inDoubt: null });
    });

    it("gives up after the retries, naming lock_timeout and the tries; the statement failed", async () => {
        const sql = `ALTER TABLE "member" ADD CONSTRAINT "CHK" CHECK ("score" >= 0) NOT VALID`;
        const { runner, sent } = fakeRunner(new Map([[sql, [timeout(), timeout(), timeout()]]]));
        const journal = new FakeJournal();
        const tracked = trackStatements(runner, { journal: async () => journal, lockWaits: waits(2, []) });
        const error = await rejection(tracked.runner.query(sql));
        expect(error).to.be.instanceOf(LockWaitError);
        expect((error as Error).message).to.match(/timed out waiting for a lock on every try \(lock_timeout 200 ms, 3 tries\)/);
        expect(sent).to.deep.equal([sql, sql, sql]);
        expect(journal.rows.map((r) => r.state)).to.deep.equal(["failed"]);
        expect(tracked.log()).to.deep.equal({ applied: [], failed: sql, inDoubt: null });
    });

    it("a cleanup that times out on a lock uses up a try", async () => {
        const { runner, sent } = fakeRunner(
            new Map([
                [build, [timeout()]],
                [cleanup, [timeout()]],
            ]),
        );
        const journal = new FakeJournal();
        const slept: number[] = [];
        await trackStatements(runner, { journal: async () => journal, lockWaits: waits(5, slept) }).runner.query(build);
        expect(sent).to.deep.equal([build, cleanup, cleanup, build]);
        expect(slept).to.deep.equal([200, 400]);
        expect(journal.rows.map((r) => r.state)).to.deep.equal(["applied"]);
    });

    it("does not retry other errors, nor without lock waits", async () => {
        const other = Object.assign(new Error("duplicate key"), { code: "23505" });
        const a = fakeRunner(new Map([["CREATE TABLE t (id int)", [other]]]));
        expect((await rejection(trackStatements(a.runner, { lockWaits: waits(5, []) }).runner.query("CREATE TABLE t (id int)")))?.message).to.equal(
            "duplicate key",
        );
        expect(a.sent).to.have.length(1);
        const b = fakeRunner(new Map([["CREATE TABLE t (id int)", [timeout()]]]));
        expect((await rejection(trackStatements(b.runner).runner.query("CREATE TABLE t (id int)")))?.message).to.match(/lock timeout/);
        expect(b.sent).to.have.length(1);
    });

    it("PostgreSQL tells a lock timeout by SQLSTATE 55P03, also inside TypeORM's QueryFailedError", () => {
        const isTimeout = (error: unknown) => postgresRuntime.lockTimeout?.isTimeout(error);
        expect(isTimeout(timeout())).to.equal(true);
        expect(isTimeout(Object.assign(new Error("x"), { driverError: timeout() }))).to.equal(true);
        expect(isTimeout(Object.assign(new Error("x"), { code: "57014" }))).to.equal(false);
        expect(isTimeout(null)).to.equal(false);
        expect(postgresRuntime.lockTimeout?.set(250)).to.equal(`SET lock_timeout = '250ms'`);
    });

    it("backs off from 200 ms, doubling, at most 5 s", () => {
        expect([1, 2, 3, 4, 5, 6, 7].map(lockRetryDelay)).to.deep.equal([200, 400, 800, 1600, 3200, 5000, 5000]);
    });
});
