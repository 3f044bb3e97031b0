import { sortEntries, type Catalog, type CatalogEntry, type TypeormMetadataRow } from "./catalog";

/** A function returning rows, e.g. `(sql, p) => dataSource.query(sql, p)`. */
export type MysqlQueryFunction = (sql: string, parameters?: unknown[]) => Promise<unknown[]>;

/** Runs `sql`; the caller names the shape of the rows it selects. */
type QueryFunction = <T>(sql: string) => Promise<T[]>;

/** A row of information_schema as the queries below select it: text, numbers (positions, lengths, flags) and NULL. */
type CatalogRow = Record<string, string | number | null>;

/** A row about one of a table's objects (or the table itself), `table` naming the table. */
type TableRow = CatalogRow & { readonly table: string };

interface IndexColumnRow extends TableRow {
    readonly name: string;
    readonly seq: number;
    /** NULL for a functional key part. */
    readonly column: string | null;
    /** `A`, `D`, or NULL where the index keeps no order. */
    readonly direction: string | null;
    readonly subPart: number | null;
    readonly nonUnique: number | string;
    readonly type: string;
    readonly comment: string;
}

interface ForeignKeyRow extends TableRow {
    readonly name: string;
    readonly referencedTable: string;
    readonly onUpdate: string;
    readonly onDelete: string;
}

interface ForeignKeyColumnRow extends TableRow {
    readonly name: string;
    readonly column: string;
    readonly position: number;
    readonly referencedColumn: string;
}

export interface MysqlCatalogOptions {
    /** Tables left out together with their columns, indexes, checks and foreign keys. Default: `["migrations"]`. */
    readonly ignoreTables?: readonly string[];
}

/** Stands for the database's own name: two databases built alike differ only there. */
export const CURRENT_DATABASE = "<current database>";

/**
 * Dumps the schema of the connection's current MySQL or MariaDB database straight from
 * information_schema, as the server reports it: full column types (`int(10) unsigned`,
 * `enum('a','b')`), defaults, extras (`on update current_timestamp(6)`, `VIRTUAL GENERATED`),
 * character sets and collations, comments and generation expressions; indexes with their columns
 * in order, direction, prefix length, uniqueness and type; foreign keys with their rules; checks;
 * table engines, collations and comments; views; typeorm_metadata rows.
 *
 * Column order is not compared, as on the other dialects: a migration appends the columns it adds.
 *
 * @example
 * const catalog = await dumpMysqlCatalog((sql, p) => dataSource.query(sql, p));
 */
export async function dumpMysqlCatalog(rowsOf: MysqlQueryFunction, options: MysqlCatalogOptions = {}): Promise<Catalog> {
    const query: QueryFunction = async <T>(sql: string) => (await rowsOf(sql)) as T[];
    const ignored = new Set(options.ignoreTables ?? ["migrations"]);
    const [{ db }] = await query<{ db: string }>("SELECT DATABASE() AS db");
    const kept = <T extends TableRow>(rows: T[]) => rows.filter((row) => !ignored.has(row.table));
    return {
        tables: keyed(kept(await query<TableRow>(TABLES_SQL)), ["table"]),
        columns: keyed(kept(await query<TableRow>(COLUMNS_SQL)), ["table", "name"]),
        indexes: indexEntries(kept(await query<IndexColumnRow>(INDEX_COLUMNS_SQL))),
        foreignKeys: foreignKeyEntries(kept(await query<ForeignKeyRow>(FOREIGN_KEYS_SQL)), kept(await query<ForeignKeyColumnRow>(FOREIGN_KEY_COLUMNS_SQL))),
        checks: keyed(kept(await checkRows(query)), ["table", "name"]),
        views: keyed(
            (await query<CatalogRow>(VIEWS_SQL)).map((row) => ({ ...row, definition: withoutDatabaseName(String(row.definition), db) })),
            ["name"],
        ),
        typeormMetadata: await typeormMetadataRows(query, db),
    };
}

function keyed(rows: readonly CatalogRow[], keyColumns: readonly string[]): CatalogEntry[] {
    return sortEntries(
        rows.map((row) => {
            const properties = { ...row };
            for (const column of keyColumns) delete properties[column];
            return { key: keyColumns.map((column) => String(row[column] ?? "")), ...properties };
        }),
    );
}

/** One entry per index, its columns in order with direction and prefix length. */
function indexEntries(rows: readonly IndexColumnRow[]): CatalogEntry[] {
    const byIndex = new Map<string, IndexColumnRow[]>();
    for (const row of rows) {
        const id = JSON.stringify([row.table, row.name]);
        byIndex.set(id, [...(byIndex.get(id) ?? []), row]);
    }
    return sortEntries(
        [...byIndex.values()].map((parts) => {
            const ordered = [...parts].sort((a, b) => Number(a.seq) - Number(b.seq));
            const [first] = ordered;
            return {
                key: [first.table, first.name],
                columns: ordered.map((p) => `${p.column}${p.subPart === null ? "" : `(${p.subPart})`}${p.direction === "D" ? " DESC" : ""}`),
                unique: Number(first.nonUnique) === 0,
                type: first.type,
                comment: first.comment,
            };
        }),
    );
}

function foreignKeyEntries(constraints: readonly ForeignKeyRow[], columns: readonly ForeignKeyColumnRow[]): CatalogEntry[] {
    return sortEntries(
        constraints.map((fk) => {
            const own = columns.filter((c) => c.table === fk.table && c.name === fk.name).sort((a, b) => Number(a.position) - Number(b.position));
            return {
                key: [fk.table, fk.name],
                columns: own.map((c) => c.column),
                referencedTable: fk.referencedTable,
                referencedColumns: own.map((c) => c.referencedColumn),
                onUpdate: fk.onUpdate,
                onDelete: fk.onDelete,
            };
        }),
    );
}

/**
 * MariaDB's CHECK_CONSTRAINTS names the table (a JSON column's implicit `json_valid` check is named
 * after the column, so names repeat across tables); MySQL's does not, and TABLE_CONSTRAINTS has it.
 */
async function checkRows(query: QueryFunction): Promise<TableRow[]> {
    const [hasTable] = await query<{ yes: number }>(
        `SELECT 1 AS yes FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'information_schema' AND TABLE_NAME = 'CHECK_CONSTRAINTS' AND COLUMN_NAME = 'TABLE_NAME'`,
    );
    if (hasTable) {
        return query<TableRow>(`SELECT TABLE_NAME AS \`table\`, CONSTRAINT_NAME AS name, CHECK_CLAUSE AS clause
                      FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()`);
    }
    return query<TableRow>(`SELECT tc.TABLE_NAME AS \`table\`, tc.CONSTRAINT_NAME AS name, cc.CHECK_CLAUSE AS clause
                  FROM information_schema.TABLE_CONSTRAINTS tc
                  JOIN information_schema.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
                  WHERE tc.CONSTRAINT_SCHEMA = DATABASE() AND tc.CONSTRAINT_TYPE = 'CHECK'`);
}

async function typeormMetadataRows(query: QueryFunction, db: string): Promise<CatalogEntry[]> {
    const [exists] = await query<{ yes: number }>(
        `SELECT 1 AS yes FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'typeorm_metadata'`,
    );
    if (!exists) return [];
    const rows = await query<TypeormMetadataRow>("SELECT * FROM `typeorm_metadata`");
    const named = (value: string | null) => (value === null ? "" : value === db ? CURRENT_DATABASE : String(value));
    return sortEntries(
        rows.map((row) => ({
            key: [row.type, named(row.database), named(row.schema), named(row.table), named(row.name)],
            value: row.value,
        })),
    );
}

/** A view's stored SQL names its columns `db`.`table`.`column`; the database's name is replaced. */
function withoutDatabaseName(definition: string, db: string): string {
    return definition.replaceAll(`\`${db.replaceAll("`", "``")}\`.`, `\`${CURRENT_DATABASE}\`.`);
}

const TABLES_SQL = `
    SELECT TABLE_NAME AS \`table\`, ENGINE AS engine, TABLE_COLLATION AS collation, TABLE_COMMENT AS comment,
           CREATE_OPTIONS AS createOptions, ROW_FORMAT AS rowFormat
    FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'`;

const COLUMNS_SQL = `
    SELECT TABLE_NAME AS \`table\`, COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable,
           COLUMN_DEFAULT AS \`default\`, EXTRA AS extra, CHARACTER_SET_NAME AS charset, COLLATION_NAME AS collation,
           COLUMN_COMMENT AS comment, IS_GENERATED AS generated, GENERATION_EXPRESSION AS expression
    FROM information_schema.COLUMNS
    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE')`;

const INDEX_COLUMNS_SQL = `
    SELECT TABLE_NAME AS \`table\`, INDEX_NAME AS name, SEQ_IN_INDEX AS seq, COLUMN_NAME AS \`column\`, COLLATION AS direction,
           SUB_PART AS subPart, NON_UNIQUE AS nonUnique, INDEX_TYPE AS type, INDEX_COMMENT AS comment
    FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()`;

const FOREIGN_KEYS_SQL = `
    SELECT TABLE_NAME AS \`table\`, CONSTRAINT_NAME AS name, REFERENCED_TABLE_NAME AS referencedTable,
           UPDATE_RULE AS onUpdate, DELETE_RULE AS onDelete
    FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()`;

const FOREIGN_KEY_COLUMNS_SQL = `
    SELECT TABLE_NAME AS \`table\`, CONSTRAINT_NAME AS name, COLUMN_NAME AS \`column\`, ORDINAL_POSITION AS position,
           REFERENCED_COLUMN_NAME AS referencedColumn
    FROM information_schema.KEY_COLUMN_USAGE
    WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL`;

const VIEWS_SQL = `
    SELECT TABLE_NAME AS name, VIEW_DEFINITION AS definition, CHECK_OPTION AS checkOption, IS_UPDATABLE AS updatable,
           SECURITY_TYPE AS security
    FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()`;
