import { Client } from "pg";
import { invertOps } from "../../lib/diff/invert";
import type { Op } from "../../lib/diff/ops";
import { postgresDialect } from "../../lib/dialects/postgres";
import type { Statement } from "../../lib/dialects/dialect";
import { renderStatements } from "../../lib/render/statements";
import { applyOps } from "../../lib/diff/apply";
import {
    emptySchema,
    type Check,
    type Column,
    type EnumType,
    type ForeignKey,
    type Index,
    type PrimaryKey,
    type Schema,
    type Table,
    type Unique,
} from "../../lib/schema/model";
import { createPostgresDatabase, type PostgresTestDatabase } from "./databases";
import * as model from "./model-builders";

// Builders for PostgreSQL schema-model entries and a scratch database to run emitted SQL on.

export const meta = { reasons: [], risk: "safe" } as const;

export const emptyPg: Schema = emptySchema("postgres", "public", "1.1.1");

export function table(name: string, overrides: Partial<Table> = {}): Table {
    return model.table({ schema: "public", table: name, ...overrides });
}

export function column(tableName: string, name: string, type: string, overrides: Partial<Column> = {}): Column {
    return model.column({ schema: "public", table: tableName, name, type, nullable: true, ...overrides });
}

export function serialId(tableName: string, overrides: Partial<Column> = {}): Column {
    return column(tableName, "id", "integer", { nullable: false, generated: "increment", primary: true, ...overrides });
}

export function enumColumn(tableName: string, name: string, enumType: EnumType, overrides: Partial<Column> = {}): Column {
    return column(tableName, name, "enum", { enum: enumType.values, enumName: enumType.name, ...overrides });
}

export function enumType(name: string, values: readonly string[], schema = "public"): EnumType {
    return { schema, name, values };
}

export function primaryKey(tableName: string, columns: readonly string[], name = `PK_${tableName}`): PrimaryKey {
    return { schema: "public", table: tableName, name, columns };
}

export function unique(tableName: string, name: string, columns: readonly string[], overrides: Partial<Unique> = {}): Unique {
    return { schema: "public", table: tableName, name, columns, deferrable: null, ...overrides };
}

export function check(tableName: string, name: string, expression: string): Check {
    return { schema: "public", table: tableName, name, expression };
}

export function index(tableName: string, name: string, columns: readonly string[], overrides: Partial<Index> = {}): Index {
    return model.index({ schema: "public", table: tableName, name, columns, ...overrides });
}

export function foreignKey(
    tableName: string,
    name: string,
    columns: readonly string[],
    referencedTable: string,
    overrides: Partial<ForeignKey> = {},
): ForeignKey {
    return {
        schema: "public",
        table: tableName,
        name,
        columns,
        referencedSchema: "public",
        referencedTable,
        referencedColumns: ["id"],
        onDelete: "NO ACTION",
        onUpdate: "NO ACTION",
        deferrable: null,
        ...overrides,
    };
}

export function pgSchema(parts: Partial<Schema>): Schema {
    return { ...emptyPg, ...parts };
}

/** The statements of `ops` applied to `from`, flattened. */
export function statementsOf(from: Schema, ops: readonly Op[]): Statement[] {
    return renderStatements(postgresDialect, from, ops).flatMap((step) => step.statements);
}

export function sqlOf(from: Schema, ops: readonly Op[]): string[] {
    return statementsOf(from, ops).map((statement) => statement.sql);
}

/** The down SQL of `ops` (applied to `from`): the inverted ops, from the state the up leaves. */
export function downSqlOf(from: Schema, ops: readonly Op[]): string[] {
    return sqlOf(applyOps(from, ops), invertOps(ops));
}

/** A database of its own for one spec file, with one connected client. */
export class PgScratch {
    private constructor(
        readonly database: PostgresTestDatabase,
        readonly client: Client,
    ) {}

    static async create(): Promise<PgScratch> {
        const database = await createPostgresDatabase();
        const client = new Client({ connectionString: database.url });
        try {
            await client.connect();
        } catch (error) {
            await database.drop();
            throw error;
        }
        return new PgScratch(database, client);
    }

    async query<T = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<T[]> {
        return (await this.client.query(sql, parameters)).rows as T[];
    }

    /**
     * Runs a migration's statements as the runner does: in one transaction, unless a statement
     * refuses one. Rolls back and rethrows, naming the statement, on failure.
     */
    async run(statements: readonly Statement[]): Promise<void> {
        const inTransaction = statements.every((statement) => statement.transactional !== false);
        if (inTransaction) await this.client.query("BEGIN");
        for (const statement of statements) {
            try {
                await this.client.query(statement.sql);
            } catch (error) {
                if (inTransaction) await this.client.query("ROLLBACK");
                throw new Error(`${(error as Error).message}\n  in: ${statement.sql}`, { cause: error });
            }
        }
        if (inTransaction) await this.client.query("COMMIT");
    }

    /** Applies `ops` to a database at `from`; returns the state after. */
    async migrate(from: Schema, ops: readonly Op[]): Promise<Schema> {
        await this.run(statementsOf(from, ops));
        return applyOps(from, ops);
    }

    async dispose(): Promise<void> {
        await this.client.end().catch(() => undefined);
        await this.database.drop();
    }
}

/** The same schema with every object in PostgreSQL schema `name` (listed in `schemas`), so scenarios can share a database. */
export function inSchema(schema: Schema, name: string): Schema {
    const move = <T extends { schema: string }>(list: readonly T[]) => list.map((item) => ({ ...item, schema: name }));
    return {
        ...schema,
        schemas: [name],
        enums: move(schema.enums),
        tables: move(schema.tables),
        columns: move(schema.columns),
        primaryKeys: move(schema.primaryKeys),
        indexes: move(schema.indexes),
        uniques: move(schema.uniques),
        foreignKeys: move(schema.foreignKeys).map((fk) => ({ ...fk, referencedSchema: name })),
        checks: move(schema.checks),
        views: move(schema.views),
        metadataRows: move(schema.metadataRows),
    };
}
