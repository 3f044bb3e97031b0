import type { Query } from "../../../catalog/query";
import { quoteIdentifier } from "../quote";

const PROBE = "tm_introspect_probe";

/**
 * Asks MySQL or MariaDB how it keeps an expression, so that the entity's spelling can be compared
 * with the catalog's: the server rewrites what it stores (MariaDB keeps the default
 * `('AA' || COALESCE(NULL, '1'))` as `('AA' or coalesce(NULL,'1'))`; a view's query comes back
 * expanded, `select `db`.`t`.`id` AS `id` from `db`.`t``), and only the server can say that two
 * spellings are one. Nothing is changed: a default is tried on a temporary table (which neither
 * commits the caller's transaction nor shows in information_schema), a query is only explained.
 * A question the server refuses answers null.
 */
export class MysqlProbe {
    constructor(
        private readonly query: Query,
        private readonly mariadb: boolean,
    ) {}

    /** `SHOW COLUMNS`' Default of a live column. */
    async storedDefault(table: string, column: string): Promise<string | null> {
        return this.answer(async () => defaultOf(await this.query(`SHOW COLUMNS FROM ${quoteIdentifier(table)} WHERE Field = ?`, [column])));
    }

    /** The same, for a column of `columnType` declared `DEFAULT expression`. */
    async default(columnType: string, expression: string): Promise<string | null> {
        return this.answer(async () => {
            try {
                await this.query(`CREATE TEMPORARY TABLE ${quoteIdentifier(PROBE)} (${quoteIdentifier("c")} ${columnType} NULL DEFAULT ${expression})`);
                return defaultOf(await this.query(`SHOW COLUMNS FROM ${quoteIdentifier(PROBE)}`));
            } finally {
                await this.query(`DROP TEMPORARY TABLE IF EXISTS ${quoteIdentifier(PROBE)}`);
            }
        });
    }

    /** The query as the optimizer restates it (EXPLAIN's note 1003): the same text for two spellings of one query. */
    async restated(select: string): Promise<string | null> {
        return this.answer(async () => {
            await this.query(`${this.mariadb ? "EXPLAIN EXTENDED" : "EXPLAIN"} ${select}`);
            const notes = await this.query<{ Code: number | string; Message: string }>("SHOW WARNINGS");
            const note = notes.find((row) => Number(row.Code) === 1003);
            return note === undefined ? null : String(note.Message);
        });
    }

    private async answer(ask: () => Promise<string | null>): Promise<string | null> {
        try {
            return await ask();
        } catch {
            return null;
        }
    }
}

function defaultOf(rows: readonly { Default?: string | null }[]): string | null {
    const value = rows[0]?.Default;
    return value === undefined || value === null ? null : String(value);
}
