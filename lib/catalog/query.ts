import type { QueryRunner } from "typeorm";

/** A row as the driver returns it, before a reader says what its columns hold. */
export type Row = Readonly<Record<string, unknown>>;

/**
 * Runs one statement on the introspection's own connection and returns its rows; `R` is the
 * shape the statement's select list gives them (the catalog queries declare theirs).
 */
export type Query = <R extends object = Row>(sql: string, parameters?: readonly unknown[]) => Promise<R[]>;

export function queryOn(queryRunner: QueryRunner): Query {
    return async <R extends object>(sql: string, parameters?: readonly unknown[]): Promise<R[]> => {
        const result: unknown = await queryRunner.query(sql, parameters === undefined ? undefined : [...parameters]);
        return Array.isArray(result) ? (result as R[]) : [];
    };
}
