// Catalog queries. $1 = the schemas in scope. Objects that belong to an extension (PostGIS's
// spatial_ref_sys, its views and types) are left out: `CREATE EXTENSION` owns them, not the entities.

const NOT_EXTENSION_MEMBER = (oid: string) => `not exists (select 1 from pg_depend e where e.objid = ${oid} and e.deptype = 'e')`;

export const SCHEMAS_SQL = `
    select n.nspname::text as name from pg_namespace n
    where n.nspname not in ('pg_catalog', 'information_schema')
      and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp\\_%'
      and ${NOT_EXTENSION_MEMBER("n.oid")}`;

export interface SchemaRow {
    readonly name: string;
}

export const EXTENSIONS_SQL = `select extname::text as name from pg_extension where extname <> 'plpgsql'`;

export interface ExtensionRow {
    readonly name: string;
}

export const ENUMS_SQL = `
    select n.nspname::text as schema, t.typname::text as name,
           array_agg(e.enumlabel::text order by e.enumsortorder) as labels
    from pg_type t
    join pg_enum e on e.enumtypid = t.oid
    join pg_namespace n on n.oid = t.typnamespace
    where n.nspname = any($1::text[]) and ${NOT_EXTENSION_MEMBER("t.oid")}
    group by n.nspname, t.typname`;

export interface EnumRow {
    readonly schema: string;
    readonly name: string;
    readonly labels: readonly string[];
}

export const TABLES_SQL = `
    select n.nspname::text as schema, c.relname::text as table, obj_description(c.oid, 'pg_class') as comment
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and not c.relispartition
      and n.nspname = any($1::text[]) and ${NOT_EXTENSION_MEMBER("c.oid")}`;

export interface TableRow {
    readonly schema: string;
    readonly table: string;
    readonly comment: string | null;
}

// The element type of an array column is described, with the column marked as an array.
// A serial column's sequence is the one pg_depend says the column owns ('a': SERIAL's OWNED BY).
export const COLUMNS_SQL = `
    select n.nspname::text as schema, c.relname::text as table, a.attname::text as name,
           a.attnum as position, a.attnotnull as "notNull", a.attidentity::text as identity,
           a.attgenerated::text as generated, pg_get_expr(d.adbin, d.adrelid) as default,
           col_description(c.oid, a.attnum) as comment,
           case when a.attcollation <> 0 and a.attcollation <> et.typcollation then co.collname::text end as collation,
           t.typcategory = 'A' as "isArray",
           et.typtype::text as "typeKind", et.typname::text as "typeName", etn.nspname::text as "typeSchema",
           format_type(et.oid, -1) as "baseType", format_type(et.oid, a.atttypmod) as "fullType",
           a.atttypmod as typmod, format_type(a.atttypid, a.atttypmod) as "columnTypeSql",
           exists (
               select 1 from pg_depend s join pg_class sc on sc.oid = s.objid
               where s.refobjid = c.oid and s.refobjsubid = a.attnum and s.deptype = 'a' and sc.relkind = 'S'
           ) as "ownsSequence"
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    join pg_type t on t.oid = a.atttypid
    join pg_type et on et.oid = case when t.typcategory = 'A' then t.typelem else t.oid end
    join pg_namespace etn on etn.oid = et.typnamespace
    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    left join pg_collation co on co.oid = a.attcollation
    where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p') and not c.relispartition
      and n.nspname = any($1::text[])
    order by n.nspname, c.relname, a.attnum`;

export interface ColumnRow {
    readonly schema: string;
    readonly table: string;
    readonly name: string;
    readonly position: number;
    readonly notNull: boolean;
    /** `a` (ALWAYS), `d` (BY DEFAULT) or empty. */
    readonly identity: string;
    /** `s` for a STORED computed column, else empty. */
    readonly generated: string;
    readonly default: string | null;
    readonly comment: string | null;
    readonly collation: string | null;
    readonly isArray: boolean;
    readonly typeKind: string;
    readonly typeName: string;
    readonly typeSchema: string;
    readonly baseType: string;
    readonly fullType: string;
    readonly typmod: number;
    readonly columnTypeSql: string;
    readonly ownsSequence: boolean;
}

// Column lists in the constraint's own order (conkey is written as the definition lists them).
export const CONSTRAINTS_SQL = `
    select n.nspname::text as schema, c.relname::text as table, con.conname::text as name,
           con.contype::text as type, pg_get_constraintdef(con.oid) as definition,
           con.condeferrable as deferrable, con.condeferred as deferred,
           array(select a.attname::text from unnest(con.conkey) with ordinality k(num, ord)
                 join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.num order by k.ord) as columns,
           rn.nspname::text as "referencedSchema", rc.relname::text as "referencedTable",
           array(select a.attname::text from unnest(con.confkey) with ordinality k(num, ord)
                 join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.num order by k.ord) as "referencedColumns",
           con.confdeltype::text as "onDelete", con.confupdtype::text as "onUpdate"
    from pg_constraint con
    join pg_class c on c.oid = con.conrelid
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_class rc on rc.oid = con.confrelid
    left join pg_namespace rn on rn.oid = rc.relnamespace
    where con.contype in ('p', 'u', 'f', 'c', 'x') and n.nspname = any($1::text[])`;

export interface ConstraintRow {
    readonly schema: string;
    readonly table: string;
    readonly name: string;
    /** `p`, `u`, `f`, `c` or `x`. */
    readonly type: string;
    readonly definition: string;
    readonly deferrable: boolean;
    readonly deferred: boolean;
    readonly columns: readonly string[];
    readonly referencedSchema: string | null;
    readonly referencedTable: string | null;
    readonly referencedColumns: readonly string[];
    readonly onDelete: string;
    readonly onUpdate: string;
}

// Indexes of their own, not the ones backing a primary key, unique or exclusion constraint.
export const INDEXES_SQL = `
    select n.nspname::text as schema, t.relname::text as table, i.relname::text as name,
           x.indisunique as unique, am.amname::text as method, pg_get_expr(x.indpred, x.indrelid) as where,
           x.indexprs is not null as "hasExpressions",
           array(select a.attname::text from unnest(x.indkey::int2[]) with ordinality k(num, ord)
                 join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.num order by k.ord) as columns,
           array(select format_type(a.atttypid, -1) from unnest(x.indkey::int2[]) with ordinality k(num, ord)
                 join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.num order by k.ord) as "columnTypes",
           array_to_string(array(select quote_ident(a.attname) from unnest(x.indkey::int2[]) with ordinality k(num, ord)
                 join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.num where k.ord <= x.indnkeyatts order by k.ord), ', ') as "plainKeyList",
           pg_get_indexdef(x.indexrelid) as definition
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    join pg_class t on t.oid = x.indrelid
    join pg_namespace n on n.oid = t.relnamespace
    join pg_am am on am.oid = i.relam
    where t.relkind in ('r', 'p', 'm') and n.nspname = any($1::text[])
      and not exists (select 1 from pg_constraint con where con.conindid = x.indexrelid and con.conrelid = x.indrelid and con.contype in ('p', 'u', 'x'))`;

export interface IndexRow {
    readonly schema: string;
    readonly table: string;
    readonly name: string;
    readonly unique: boolean;
    readonly method: string;
    readonly where: string | null;
    readonly hasExpressions: boolean;
    readonly columns: readonly string[];
    readonly columnTypes: readonly string[];
    /** The key columns as pg_get_indexdef would list them were they plain (`a, "userId"`); expressions and INCLUDE columns left out. */
    readonly plainKeyList: string;
    readonly definition: string;
}

export const VIEWS_SQL = `
    select n.nspname::text as schema, c.relname::text as name, c.relkind = 'm' as materialized,
           pg_get_viewdef(c.oid) as definition,
           array(select distinct dc.relname::text from pg_rewrite r
                 join pg_depend d on d.classid = 'pg_rewrite'::regclass and d.objid = r.oid
                 join pg_class dc on dc.oid = d.refobjid
                 where r.ev_class = c.oid and dc.oid <> c.oid and dc.relkind in ('v', 'm') and dc.relnamespace = c.relnamespace
                 order by 1) as "dependsOn"
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('v', 'm') and n.nspname = any($1::text[]) and ${NOT_EXTENSION_MEMBER("c.oid")}`;

export interface ViewRow {
    readonly schema: string;
    readonly name: string;
    readonly materialized: boolean;
    readonly definition: string;
    readonly dependsOn: readonly string[];
}
