import type { QueryRunner } from "typeorm";

/** The statements one migration ran on a connection without a transaction, and the one that failed. */
export interface StatementLog {
    readonly executed: readonly string[];
    readonly failed: string | null;
}

/** Thrown on resume when the migration no longer starts with the statements that already ran. */
export class ResumeMismatchError extends Error {
    override readonly name = "ResumeMismatchError";
}

/**
 * Wraps `queryRunner` so every statement a migration sends is logged, including those TypeORM's
 * own helpers (`createTable`, ...) send. On resume, the first statements are the ones a previous
 * run already applied: they are checked against that log and skipped, not run twice.
 */
export function trackStatements(queryRunner: QueryRunner, alreadyApplied: readonly string[] = []): { runner: QueryRunner; log(): StatementLog } {
    const executed: string[] = [];
    let failed: string | null = null;
    let position = 0;
    const query = async (...args: Parameters<QueryRunner["query"]>) => {
        const sql = args[0];
        if (position < alreadyApplied.length) {
            const expected = alreadyApplied[position];
            if (sql !== expected) {
                throw new ResumeMismatchError(
                    `cannot resume: statement ${position + 1} is now ${oneLine(sql)} but the failed run applied ${oneLine(expected)}; repair the database by hand and use \`stamp\``,
                );
            }
            position++;
            executed.push(sql);
            return undefined;
        }
        try {
            const result = await queryRunner.query(...args);
            executed.push(sql);
            return result;
        } catch (error) {
            failed = sql;
            throw error;
        }
    };
    const runner = new Proxy(queryRunner, {
        get(target, property) {
            if (property === "query") return query;
            const value = Reflect.get(target, property, target) as unknown;
            // Methods run with the proxy as `this`, so TypeORM's helpers' statements are logged too.
            return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(runner) : value;
        },
    });
    return { runner, log: () => ({ executed: [...executed], failed }) };
}

export function oneLine(sql: string, max = 120): string {
    const flat = sql.replace(/\s+/g, " ").trim();
    return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
