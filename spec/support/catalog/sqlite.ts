import type BetterSqlite3 from "better-sqlite3";
import { sortEntries, type Catalog, type CatalogEntry, type TypeormMetadataRow } from "./catalog";
import { normalizeSql, parseCreateTable, type ParsedCreateTable } from "./sqlite-sql";

/** A better-sqlite3 database, or a function returning rows (e.g. `(sql) => dataSource.query(sql)`). */
export type SqliteQueryable = BetterSqlite3.Database | ((sql: string) => Promise<unknown[]>);

/** A row of `sqlite_master`, as the dump selects it. */
interface MasterRow {
    readonly type: string;
    readonly name: string;
    readonly table: string;
    readonly sql: string;
}

/** A row of `pragma_table_xinfo`. */
interface ColumnRow {
    readonly name: string;
    readonly type: string;
    readonly notnull: number;
    readonly dflt_value: string | null;
    readonly pk: number;
    readonly hidden: number;
}

/** A row of `pragma_index_list`. */
interface IndexRow {
    readonly name: string;
    readonly unique: number;
    readonly origin: string;
    readonly partial: number;
}

/** A row of `pragma_index_xinfo`; `name` is null for an expression. */
interface IndexColumnRow {
    readonly name: string | null;
    readonly desc: number;
    readonly coll: string;
}

/** A row of `pragma_foreign_key_list`: one column pair of foreign key `id`; `to` is null for the primary key. */
interface ForeignKeyRow {
    readonly id: number;
    readonly seq: number;
    readonly table: string;
    readonly from: string;
    readonly to: string | null;
    readonly on_update: string;
    readonly on_delete: string;
    readonly match: string;
}

export interface SqliteCatalogOptions {
    /** Tables left out together with their indexes and constraints. Default: `["migrations"]`. */
    readonly ignoreTables?: readonly string[];
}

interface TableDump {
    readonly name: string;
    readonly parsed: ParsedCreateTable;
    readonly columns: readonly ColumnRow[];
    readonly indexes: readonly CatalogEntry[];
    readonly foreignKeys: readonly CatalogEntry[];
}

/**
 * Dumps the schema of a SQLite database from `sqlite_master` and the table pragmas, adding
 * what only the CREATE TABLE text holds (constraint names, CHECKs, COLLATE, AUTOINCREMENT).
 *
 * @example
 * const catalog = await dumpSqliteCatalog(new Database(path, { readonly: true }));
 */
export async function dumpSqliteCatalog(db: SqliteQueryable, options: SqliteCatalogOptions = {}): Promise<Catalog> {
    const query = toQueryFunction(db);
    const ignored = new Set(options.ignoreTables ?? ["migrations"]);
    const objects = await query<MasterRow>(`select type, name, tbl_name as "table", sql from sqlite_master order by name`);
    const isOwn = (row: MasterRow) => !row.name.startsWith("sqlite_") && !ignored.has(row.table);
    const tables: TableDump[] = [];
    for (const row of objects.filter((object) => object.type === "table" && isOwn(object))) {
        tables.push(await dumpTable(query, row.name, row.sql));
    }
    const hasMetadataTable = tables.some((table) => table.name === "typeorm_metadata");
    return {
        tables: sortEntries(tables.map((table) => ({ key: [table.name], options: table.parsed.options }))),
        columns: sortEntries(tables.flatMap(columnEntries)),
        indexes: sortEntries(tables.flatMap((table) => table.indexes)),
        foreignKeys: sortEntries(tables.flatMap((table) => table.foreignKeys)),
        constraints: sortEntries(tables.flatMap(namedConstraintEntries)),
        checks: sortEntries(tables.flatMap(unnamedCheckEntries)),
        viewsAndTriggers: sortEntries(
            objects
                .filter((object) => (object.type === "view" || object.type === "trigger") && isOwn(object))
                .map((object) => ({
                    key: [object.type, object.name],
                    table: object.table,
                    sql: normalizeSql(object.sql),
                })),
        ),
        typeormMetadata: hasMetadataTable ? await typeormMetadataRows(query) : [],
    };
}

/** Runs `sql`; the caller names the shape of the rows it selects. */
type QueryFunction = <T>(sql: string) => Promise<T[]>;

function toQueryFunction(db: SqliteQueryable): QueryFunction {
    if (typeof db === "function") return async <T>(sql: string) => (await db(sql)) as T[];
    return async <T>(sql: string) => db.prepare(sql).all() as T[];
}

async function dumpTable(query: QueryFunction, name: string, sql: string): Promise<TableDump> {
    const table = literal(name);
    return {
        name,
        parsed: parseCreateTable(sql),
        columns: await query<ColumnRow>(`select * from pragma_table_xinfo(${table})`),
        indexes: await indexEntries(query, name),
        foreignKeys: foreignKeyEntries(name, await query<ForeignKeyRow>(`select * from pragma_foreign_key_list(${table})`)),
    };
}

// table_xinfo's hidden: 2 = generated virtual, 3 = generated stored (1 = hidden column of a virtual table).
const GENERATED_KINDS: Record<number, string> = { 2: "virtual", 3: "stored" };

function columnEntries(table: TableDump): CatalogEntry[] {
    const parsedColumns = new Map(table.parsed.columns.map((column) => [column.name, column]));
    return table.columns.map((column) => {
        const parsed = parsedColumns.get(column.name);
        return {
            key: [table.name, column.name],
            type: column.type,
            notNull: column.notnull === 1,
            default: column.dflt_value,
            primaryKeyPosition: column.pk,
            generated: GENERATED_KINDS[column.hidden] ?? null,
            generatedAs: parsed?.generatedAs ?? null,
            collation: parsed?.collation ?? null,
            autoincrement: parsed?.autoincrement ?? false,
        };
    });
}

// Indexes SQLite makes for UNIQUE and PRIMARY KEY constraints are named sqlite_autoindex_<table>_<n>,
// numbered by position in the CREATE TABLE: they are keyed by their columns instead.
async function indexEntries(query: QueryFunction, table: string): Promise<CatalogEntry[]> {
    const indexes = await query<IndexRow>(`select * from pragma_index_list(${literal(table)})`);
    const indexSql = await query<{ name: string; sql: string | null }>(
        `select name, sql from sqlite_master where type = 'index' and tbl_name = ${literal(table)}`,
    );
    const sqlByName = new Map(indexSql.map((row) => [row.name, row.sql]));
    const entries: CatalogEntry[] = [];
    for (const index of indexes) {
        const keyColumns = await query<IndexColumnRow>(`select * from pragma_index_xinfo(${literal(index.name)}) where key = 1 order by seqno`);
        const columns = keyColumns.map((column) => ({
            name: column.name,
            descending: column.desc === 1,
            collation: column.coll,
        }));
        const sql = sqlByName.get(index.name);
        const columnNames = columns.map((column) => column.name ?? "<expression>");
        entries.push({
            key: index.origin === "c" ? [table, index.name] : [table, index.origin, ...columnNames],
            unique: index.unique === 1,
            origin: index.origin,
            partial: index.partial === 1,
            columns,
            sql: sql ? normalizeSql(sql) : null,
        });
    }
    return entries;
}

// pragma foreign_key_list returns one row per column pair; rows sharing an id are one foreign key.
function foreignKeyEntries(table: string, rows: readonly ForeignKeyRow[]): CatalogEntry[] {
    const byId = new Map<number, ForeignKeyRow[]>();
    for (const row of rows) byId.set(row.id, [...(byId.get(row.id) ?? []), row]);
    return [...byId.values()].map((pairs) => {
        const ordered = [...pairs].sort((a, b) => a.seq - b.seq);
        const from = ordered.map((pair) => quoteIdentifier(pair.from)).join(", ");
        const to = ordered.map((pair) => (pair.to === null ? "<primary key>" : quoteIdentifier(pair.to))).join(", ");
        return {
            key: [table, `(${from}) REFERENCES ${quoteIdentifier(ordered[0].table)} (${to})`],
            onUpdate: ordered[0].on_update,
            onDelete: ordered[0].on_delete,
            match: ordered[0].match,
        };
    });
}

function namedConstraintEntries(table: TableDump): CatalogEntry[] {
    const tableLevel = table.parsed.constraints
        .filter((constraint) => constraint.name !== null)
        .map((constraint) => ({
            key: [table.name, constraint.name!],
            type: constraint.type,
            column: null,
            definition: constraint.definition,
        }));
    const columnLevel = table.parsed.columns.flatMap((column) =>
        column.checks
            .filter((check) => check.name !== null)
            .map((check) => ({
                key: [table.name, check.name!],
                type: "CHECK",
                column: column.name,
                definition: `CHECK (${check.expression})`,
            })),
    );
    return [...tableLevel, ...columnLevel];
}

const TABLE_LEVEL = "(table)";

function unnamedCheckEntries(table: TableDump): CatalogEntry[] {
    const tableLevel = table.parsed.constraints
        .filter((constraint) => constraint.name === null && constraint.type === "CHECK")
        .map((constraint) => ({ key: [table.name, TABLE_LEVEL, constraint.checkExpression!] }));
    const columnLevel = table.parsed.columns.flatMap((column) =>
        column.checks.filter((check) => check.name === null).map((check) => ({ key: [table.name, column.name, check.expression] })),
    );
    return [...tableLevel, ...columnLevel];
}

async function typeormMetadataRows(query: QueryFunction): Promise<CatalogEntry[]> {
    const rows = await query<TypeormMetadataRow>(`select * from "typeorm_metadata"`);
    return sortEntries(
        rows.map((row) => ({
            key: [row.type, row.database, row.schema, row.table, row.name].map((part) => part ?? ""),
            value: row.value,
        })),
    );
}

function literal(text: string): string {
    return `'${text.replaceAll("'", "''")}'`;
}

function quoteIdentifier(name: string): string {
    return `"${name.replaceAll('"', '""')}"`;
}
