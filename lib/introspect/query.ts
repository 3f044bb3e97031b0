import type { QueryRunner } from "typeorm";

export type Row = Record<string, any>;

/** Runs one statement on the introspection's own connection and returns its rows. */
export type Query = (sql: string, parameters?: readonly unknown[]) => Promise<Row[]>;

export function queryOn(queryRunner: QueryRunner): Query {
    return async (sql, parameters) => {
        const result: unknown = await queryRunner.query(sql, parameters === undefined ? undefined : [...parameters]);
        return Array.isArray(result) ? (result as Row[]) : [];
    };
}
