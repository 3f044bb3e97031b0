import { sortEntries, type Catalog, type CatalogEntry, type TypeormMetadataRow } from "./catalog";

type Row = Record<string, unknown>;

/** A `pg.Client` or `pg.Pool`, or a function returning rows (e.g. `(sql, p) => dataSource.query(sql, p)`). */
export type PostgresQueryable =
    { query(sql: string, parameters?: unknown[]): Promise<{ rows: Row[] }> } | ((sql: string, parameters?: unknown[]) => Promise<Row[]>);

/** A row of the catalog queries below: names and definitions as text, flags, and text arrays (enum labels, domain checks). */
type CatalogRow = Record<string, string | boolean | null | string[]>;

export interface PostgresCatalogOptions {
    /** Schemas to dump; default: every schema except the system ones. */
    readonly schemas?: readonly string[];
    /**
     * Tables left out together with everything they own (columns, constraints, indexes,
     * sequences), as `name` (any schema) or `schema.name`. Default: `["migrations"]`.
     */
    readonly ignoreTables?: readonly string[];
}

/**
 * Dumps the schema of a PostgreSQL database straight from the system catalogs, as
 * PostgreSQL itself formats it (`format_type`, `pg_get_constraintdef`, `pg_get_indexdef`).
 *
 * @example
 * const catalog = await dumpPostgresCatalog(client, { ignoreTables: ["migrations"] });
 */
export async function dumpPostgresCatalog(db: PostgresQueryable, options: PostgresCatalogOptions = {}): Promise<Catalog> {
    const query = toQueryFunction(db);
    const schemas = options.schemas ?? (await userSchemas(query));
    const ignoreTables = options.ignoreTables ?? ["migrations"];
    const inSchemas = async (sql: string) => query(sql, [schemas]);
    const inSchemasExceptIgnored = async (sql: string) => query(sql, [schemas, ignoreTables]);
    return {
        schemas: keyed(await inSchemas(SCHEMAS_SQL), ["name"]),
        extensions: keyed(await query(EXTENSIONS_SQL), ["name"]),
        tables: keyed(await inSchemasExceptIgnored(TABLES_SQL), ["schema", "name"]),
        columns: keyed(await inSchemasExceptIgnored(COLUMNS_SQL), ["schema", "table", "name"]),
        constraints: keyed(await inSchemasExceptIgnored(CONSTRAINTS_SQL), ["schema", "table", "name"]),
        indexes: keyed(await inSchemasExceptIgnored(INDEXES_SQL), ["schema", "table", "name"]),
        enums: keyed(await inSchemas(ENUMS_SQL), ["schema", "name"]),
        domains: keyed(await inSchemas(DOMAINS_SQL), ["schema", "name"]),
        sequences: keyed(await inSchemasExceptIgnored(SEQUENCES_SQL), ["schema", "name"]),
        views: keyed(await inSchemasExceptIgnored(VIEWS_SQL), ["schema", "name"]),
        typeormMetadata: await typeormMetadataRows(query, schemas),
    };
}

/** Moves the identifying columns of each row into its key. */
function keyed(rows: readonly CatalogRow[], keyColumns: readonly string[]): CatalogEntry[] {
    return sortEntries(
        rows.map((row) => {
            const properties = { ...row };
            for (const column of keyColumns) delete properties[column];
            return { key: keyColumns.map((column) => String(row[column] ?? "")), ...properties };
        }),
    );
}

/** Runs `sql`; the caller names the shape of the rows it selects (a catalog row by default). */
type QueryFunction = <T = CatalogRow>(sql: string, parameters?: unknown[]) => Promise<T[]>;

function toQueryFunction(db: PostgresQueryable): QueryFunction {
    if (typeof db === "function") return async <T>(sql: string, parameters?: unknown[]) => (await db(sql, parameters)) as T[];
    return async <T>(sql: string, parameters?: unknown[]) => (await db.query(sql, parameters)).rows as T[];
}

async function userSchemas(query: QueryFunction): Promise<string[]> {
    const rows = await query<{ name: string }>(`
        select nspname::text as name from pg_namespace
        where nspname not in ('pg_catalog', 'information_schema')
          and nspname not like 'pg\\_toast%' and nspname not like 'pg\\_temp\\_%'`);
    return rows.map((row) => row.name);
}

async function typeormMetadataRows(query: QueryFunction, schemas: readonly string[]): Promise<CatalogEntry[]> {
    const holders = await query<{ schema: string }>(
        `select n.nspname::text as schema from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where c.relname = 'typeorm_metadata' and c.relkind = 'r' and n.nspname = any($1::text[])`,
        [schemas],
    );
    const entries: CatalogEntry[] = [];
    const [{ current: currentDatabase }] = await query<{ current: string }>(`select current_database() as "current"`);
    for (const { schema } of holders) {
        const rows = await query<TypeormMetadataRow>(`select * from ${quoteIdentifier(schema)}."typeorm_metadata"`);
        for (const row of rows) {
            // TypeORM records the database's own name; two databases built alike differ only there.
            const database = row.database === null ? "" : row.database === currentDatabase ? "<current database>" : row.database;
            const key = [schema, row.type, database, row.schema, row.table, row.name].map((part) => part ?? "");
            entries.push({ key, value: row.value });
        }
    }
    return sortEntries(entries);
}

function quoteIdentifier(name: string): string {
    return `"${name.replaceAll('"', '""')}"`;
}

// Catalog queries below take $1 = schemas in scope and, where they use it, $2 = ignored tables.
const IGNORED = (c: string, n: string) => `(${c}.relname::text = any($2::text[]) or (${n}.nspname::text || '.' || ${c}.relname::text) = any($2::text[]))`;

const SCHEMAS_SQL = `
    select nspname::text as name from pg_namespace where nspname = any($1::text[])`;

const EXTENSIONS_SQL = `
    select e.extname::text as name, n.nspname::text as schema
    from pg_extension e join pg_namespace n on n.oid = e.extnamespace
    where e.extname <> 'plpgsql'`;

const TABLES_SQL = `
    select n.nspname::text as schema, c.relname::text as name, c.relkind::text as kind,
           c.relpersistence::text as persistence, obj_description(c.oid, 'pg_class') as comment
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname = any($1::text[]) and not ${IGNORED("c", "n")}`;

// attcollation is the column's collation: "default" unless a COLLATE clause chose another.
const COLUMNS_SQL = `
    select n.nspname::text as schema, c.relname::text as table, a.attname::text as name,
           format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as "notNull",
           pg_get_expr(d.adbin, d.adrelid) as default, a.attidentity::text as identity,
           a.attgenerated::text as generated, co.collname::text as collation,
           col_description(c.oid, a.attnum) as comment
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    left join pg_collation co on co.oid = a.attcollation
    where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p')
      and n.nspname = any($1::text[]) and not ${IGNORED("c", "n")}`;

const CONSTRAINTS_SQL = `
    select n.nspname::text as schema, c.relname::text as table, con.conname::text as name,
           con.contype::text as type, pg_get_constraintdef(con.oid) as definition,
           obj_description(con.oid, 'pg_constraint') as comment
    from pg_constraint con
    join pg_class c on c.oid = con.conrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = any($1::text[]) and not ${IGNORED("c", "n")}`;

const INDEXES_SQL = `
    select n.nspname::text as schema, t.relname::text as table, i.relname::text as name,
           pg_get_indexdef(x.indexrelid) as definition, obj_description(i.oid, 'pg_class') as comment
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    join pg_class t on t.oid = x.indrelid
    join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = any($1::text[]) and not ${IGNORED("t", "n")}`;

// Labels in enumsortorder: the order is part of the type (it decides < and ORDER BY).
const ENUMS_SQL = `
    select n.nspname::text as schema, t.typname::text as name,
           array_agg(e.enumlabel::text order by e.enumsortorder) as labels,
           obj_description(t.oid, 'pg_type') as comment
    from pg_type t
    join pg_enum e on e.enumtypid = t.oid
    join pg_namespace n on n.oid = t.typnamespace
    where n.nspname = any($1::text[])
    group by n.nspname, t.typname, t.oid`;

const DOMAINS_SQL = `
    select n.nspname::text as schema, t.typname::text as name,
           format_type(t.typbasetype, t.typtypmod) as type, t.typnotnull as "notNull",
           t.typdefault as default,
           array(select pg_get_constraintdef(con.oid) from pg_constraint con
                 where con.contypid = t.oid order by con.conname) as checks
    from pg_type t join pg_namespace n on n.oid = t.typnamespace
    where t.typtype = 'd' and n.nspname = any($1::text[])`;

// Sequences of serial ("a") and identity ("i") columns depend on their column; those
// of ignored tables (the migrations table's id sequence) go with them.
const SEQUENCES_SQL = `
    select n.nspname::text as schema, c.relname::text as name,
           format_type(s.seqtypid, null) as type, s.seqstart::text as start,
           s.seqincrement::text as increment, s.seqmin::text as min, s.seqmax::text as max,
           s.seqcache::text as cache, s.seqcycle as cycle,
           owner.owned_by as "ownedBy"
    from pg_sequence s
    join pg_class c on c.oid = s.seqrelid
    join pg_namespace n on n.oid = c.relnamespace
    left join lateral (
        select tn.nspname::text || '.' || t.relname::text || '.' || a.attname::text as owned_by,
               ${IGNORED("t", "tn")} as ignored
        from pg_depend d
        join pg_class t on t.oid = d.refobjid
        join pg_namespace tn on tn.oid = t.relnamespace
        join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
        where d.classid = 'pg_class'::regclass and d.objid = c.oid
          and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i')
    ) owner on true
    where n.nspname = any($1::text[]) and owner.ignored is not true`;

const VIEWS_SQL = `
    select n.nspname::text as schema, c.relname::text as name, c.relkind::text as kind,
           pg_get_viewdef(c.oid) as definition, obj_description(c.oid, 'pg_class') as comment
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('v', 'm') and n.nspname = any($1::text[]) and not ${IGNORED("c", "n")}`;
