import type { DataCheckSpec } from "../diff/data-checks";
import type { Narrowing } from "../diff/narrowing";
import type { TableRef } from "../schema/model";

/**
 * Every data-check statement starts with this comment: the runner knows it reads only, and
 * `--sql` prints it as a comment for a DBA to run by hand.
 */
export const dataCheckMarker = "/* typeorm-migrate data check */";

export function isDataCheck(sql: string): boolean {
    return sql.trimStart().startsWith(dataCheckMarker);
}

/** A data check as a migration runs it: no row back when the data fits, else one row (`offending` count and the first offending row's key). */
export interface DataCheck {
    readonly description: string;
    readonly sql: string;
}

/** Which value of a column a narrowing loses or rejects, as a condition on the quoted column; null when this database keeps every such value. */
export type NarrowedValue = {
    readonly [K in Narrowing["kind"]]: (
        column: string,
        narrowing: Extract<Narrowing, { kind: K }>,
        spec: Extract<DataCheckSpec, { kind: "narrowing" }>,
    ) => string | null;
};

/** What a dialect says about data checks; the statements are built the same way for each. */
export interface DataCheckDialect {
    quoteIdentifier(name: string): string;
    tableName(ref: TableRef): string;
    readonly narrowed: NarrowedValue;
    /**
     * Duplicates are found by sorting and comparing each row with the one before it rather than by
     * GROUP BY: InnoDB groups an unindexed column in a temporary table that spills to disk (a
     * 1,000,000-row varchar: 17 s grouped, 6 s sorted), where PostgreSQL hashes it in under a second.
     */
    readonly duplicatesBySort: boolean;
}

/**
 * The statement of one check, or null where this database cannot lose or reject the values the
 * check looks for. The count comes from a window over the offending rows, so one statement
 * returns the count with the first row (PostgreSQL, MySQL 8, MariaDB 10.2, SQLite 3.25).
 */
export function dataCheckSql(dialect: DataCheckDialect, spec: DataCheckSpec): DataCheck | null {
    const q = (name: string) => dialect.quoteIdentifier(name);
    const table = dialect.tableName(spec.table);
    const key = spec.key.map(q).join(", ");
    const offending = `COUNT(*) OVER () AS ${q("offending")}`;
    const select = (where: string | null) => `SELECT ${key}, ${offending} FROM ${table}${where === null ? "" : ` WHERE ${where}`} ORDER BY ${key} LIMIT 1`;
    const sql = ((): string | null => {
        switch (spec.kind) {
            case "nulls":
                return select(`${q(spec.column)} IS NULL`);
            case "rows":
                return select(null);
            case "duplicates": {
                const present = spec.columns.map((c) => `${q(c)} IS NOT NULL`);
                const where = [...present, ...(spec.where === null ? [] : [`(${spec.where})`])].join(" AND ");
                const columns = spec.columns.map(q).join(", ");
                if (!dialect.duplicatesBySort) {
                    return `SELECT ${columns}, ${offending} FROM ${table} WHERE ${where} GROUP BY ${columns} HAVING COUNT(*) > 1 ORDER BY ${columns} LIMIT 1`;
                }
                // A group's second row equals the row before it, and the row two before is another value: one row per duplicated group.
                const before = (n: number, c: string) => q(`tm_before${n}_${spec.columns.indexOf(c)}`);
                const lags = spec.columns.flatMap((c) => [1, 2].map((n) => `LAG(${q(c)}, ${n}) OVER (ORDER BY ${columns}) AS ${before(n, c)}`));
                const sameAsBefore = spec.columns.map((c) => `${q(c)} = ${before(1, c)}`).join(" AND ");
                const newGroup = spec.columns.map((c) => `${before(2, c)} IS NULL OR ${q(c)} <> ${before(2, c)}`).join(" OR ");
                return (
                    `SELECT ${columns}, ${offending} FROM (SELECT ${columns}, ${lags.join(", ")} FROM ${table} WHERE ${where}) ${q("tm_sorted")} ` +
                    `WHERE ${sameAsBefore} AND (${newGroup}) ORDER BY ${columns} LIMIT 1`
                );
            }
            case "orphans": {
                const child = (c: string) => `${q("tm_child")}.${q(c)}`;
                const matches = spec.columns.map((c, i) => `${q("tm_parent")}.${q(spec.referencedColumns[i])} = ${child(c)}`).join(" AND ");
                const childKey = spec.key.map((c) => `${child(c)} AS ${q(c)}`).join(", ");
                return (
                    `SELECT ${childKey}, ${offending} FROM ${table} ${q("tm_child")} ` +
                    `WHERE ${spec.columns.map((c) => `${child(c)} IS NOT NULL`).join(" AND ")} ` +
                    `AND NOT EXISTS (SELECT 1 FROM ${dialect.tableName(spec.referenced)} ${q("tm_parent")} WHERE ${matches}) ` +
                    `ORDER BY ${spec.key.map(child).join(", ")} LIMIT 1`
                );
            }
            case "narrowing": {
                const narrowed = dialect.narrowed[spec.narrowing.kind] as (column: string, n: Narrowing, s: typeof spec) => string | null;
                const condition = narrowed(q(spec.column), spec.narrowing, spec);
                return condition === null ? null : select(condition);
            }
        }
    })();
    return sql === null ? null : { description: spec.description, sql: `${dataCheckMarker} ${sql}` };
}

/** The checks of a migration's ops that this database needs. */
export function dataChecksSql(dialect: DataCheckDialect, specs: readonly DataCheckSpec[]): DataCheck[] {
    return specs.map((spec) => dataCheckSql(dialect, spec)).filter((check): check is DataCheck => check !== null);
}

/** `10^digits` as an exact literal: the smallest value with more whole digits than allowed. */
export function powerOfTen(digits: number): string {
    return `1${"0".repeat(Math.max(0, digits))}`;
}
