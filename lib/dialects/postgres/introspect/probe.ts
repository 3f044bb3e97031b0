import { quoteIdentifier, tableName } from "../quote";
import type { TableRef } from "../../../schema/model";
import type { Query } from "../../../catalog/query";

const PROBE = "tm_introspect_probe";
const probeTable = `pg_temp.${quoteIdentifier(PROBE)}`;

/**
 * Asks PostgreSQL how it would store an expression, so that a spelling from elsewhere (the
 * entity's CHECK text, a typeorm_metadata row) can be compared with what the catalog holds: the
 * server rewrites expressions on the way in (`length("title") > 0` is kept as
 * `(length((title)::text) > 0)`), and only the server can say that two spellings are one.
 *
 * Each question runs against a temporary copy of the table's columns (`LIKE`) inside a savepoint
 * that is rolled back; the caller holds the transaction. An expression the server refuses
 * answers null (it cannot be what the catalog holds).
 */
export class PostgresProbe {
    constructor(private readonly query: Query) {}

    /** `pg_get_expr` of the column's default, had it been set to `expression`. */
    default(table: TableRef, column: string, expression: string): Promise<string | null> {
        return this.ask(
            table,
            [`ALTER TABLE ${probeTable} ALTER COLUMN ${quoteIdentifier(column)} SET DEFAULT ${expression}`],
            `select pg_get_expr(d.adbin, d.adrelid) as answer from pg_attrdef d join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum
             where d.adrelid = '${probeTable}'::regclass and a.attname = $1`,
            [column],
        );
    }

    /** `pg_get_constraintdef` of `CHECK (expression)`. */
    check(table: TableRef, expression: string): Promise<string | null> {
        return this.ask(table, [`ALTER TABLE ${probeTable} ADD CONSTRAINT "tm_probe" CHECK (${expression})`], constraintDefinition);
    }

    /** `pg_get_constraintdef` of `EXCLUDE expression`. */
    exclusion(table: TableRef, expression: string): Promise<string | null> {
        return this.ask(table, [`ALTER TABLE ${probeTable} ADD CONSTRAINT "tm_probe" EXCLUDE ${expression}`], constraintDefinition);
    }

    /** `pg_get_expr` of a partial index's predicate, on an index over `column`. */
    predicate(table: TableRef, column: string, expression: string): Promise<string | null> {
        return this.ask(
            table,
            [`CREATE INDEX "tm_probe" ON ${probeTable} (${quoteIdentifier(column)}) WHERE ${expression}`],
            `select pg_get_expr(x.indpred, x.indrelid) as answer from pg_index x where x.indrelid = '${probeTable}'::regclass`,
        );
    }

    /** `pg_get_expr` of a STORED computed column of type `typeSql` with this expression. */
    generation(table: TableRef, column: string, typeSql: string, expression: string): Promise<string | null> {
        const name = quoteIdentifier(column);
        return this.ask(
            table,
            [
                `ALTER TABLE ${probeTable} DROP COLUMN ${name}`,
                `ALTER TABLE ${probeTable} ADD COLUMN ${name} ${typeSql} GENERATED ALWAYS AS (${expression}) STORED`,
            ],
            `select pg_get_expr(d.adbin, d.adrelid) as answer from pg_attrdef d join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum
            where d.adrelid = '${probeTable}'::regclass and a.attname = $1`,
            [column],
        );
    }

    /** `pg_get_viewdef` of a view defined `AS expression`. */
    view(expression: string): Promise<string | null> {
        return this.inSavepoint(async () => {
            await this.query(`CREATE TEMP VIEW ${quoteIdentifier(PROBE)} AS ${expression}`);
            const [row] = await this.query<{ answer: string | null }>(`select pg_get_viewdef('${probeTable}'::regclass) as answer`);
            return row === undefined ? null : String(row.answer);
        });
    }

    private ask(table: TableRef, statements: readonly string[], answerSql: string, parameters: readonly unknown[] = []): Promise<string | null> {
        return this.inSavepoint(async () => {
            await this.query(`CREATE TEMP TABLE ${quoteIdentifier(PROBE)} (LIKE ${tableName(table)})`);
            for (const sql of statements) await this.query(sql);
            const [row] = await this.query<{ answer: string | null }>(answerSql, parameters);
            return row === undefined || row.answer === null ? null : String(row.answer);
        });
    }

    private async inSavepoint(run: () => Promise<string | null>): Promise<string | null> {
        await this.query("SAVEPOINT tm_introspect_probe");
        try {
            return await run();
        } catch {
            return null;
        } finally {
            await this.query("ROLLBACK TO SAVEPOINT tm_introspect_probe");
        }
    }
}

const constraintDefinition = `select pg_get_constraintdef(c.oid) as answer from pg_constraint c where c.conrelid = '${probeTable}'::regclass and c.conname = 'tm_probe'`;
