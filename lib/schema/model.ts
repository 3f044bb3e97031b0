/**
 * The schema model: the one data type the reader, the differ, the dialects and the snapshot files speak.
 *
 * Plain, JSON-serializable, readonly objects; one flat collection per kind, each entry keyed by
 * (schema, table, name). Values are stored exactly as TypeORM normalizes them for the bind's driver
 * (`driver.normalizeType`, `getColumnLength`, `normalizeDefault`), so a default is the SQL expression
 * TypeORM would write (`'draft'`, `now()`, `0`) and a type is TypeORM's canonical spelling.
 */

/** Bumped when the snapshot layout changes; `upgradeSchema` converts older files. */
export const SCHEMA_FORMAT_VERSION = 1;

/** The databases a snapshot may be written for; `Dialect` is one of them. */
export const dialectNames = ["postgres", "mysql", "sqlite"] as const;

export type Dialect = (typeof dialectNames)[number];

/** Where an object lives. `schema` is the database schema (PostgreSQL) or `""` where the dialect has none. */
export interface TableRef {
    readonly schema: string;
    readonly table: string;
}

export interface Table extends TableRef {
    readonly comment: string | null;
    /** MySQL storage engine; null elsewhere. */
    readonly engine: string | null;
    /** SQLite `WITHOUT ROWID`. */
    readonly withoutRowid: boolean;
    /**
     * MySQL/MariaDB: the table's default character set and collation (`DEFAULT CHARSET=utf8mb4
     * COLLATE=utf8mb4_unicode_520_ci`), both set or both absent. Absent where they are the
     * database's, as `synchronize()` makes every table (TypeORM's entity options cannot name them):
     * only a database adopted with `init --from-db` gives a table one.
     */
    readonly charset?: string;
    readonly collation?: string;
}

export type GenerationStrategy = "increment" | "uuid" | "rowid" | "identity";
export type IdentityKind = "ALWAYS" | "BY DEFAULT";

export interface Column extends TableRef {
    readonly name: string;
    /** TypeORM's normalized type name, e.g. `character varying`, `integer`, `timestamp with time zone`. */
    readonly type: string;
    /** Length as TypeORM gives it (`"255"`), `""` when none. */
    readonly length: string;
    readonly precision: number | null;
    readonly scale: number | null;
    readonly nullable: boolean;
    /** The SQL default expression TypeORM writes, or null for none. */
    readonly default: string | null;
    /** Set for `@PrimaryGeneratedColumn` / `@Generated`; null for an ordinary column. */
    readonly generated: GenerationStrategy | null;
    /** Only for `generated: "identity"`. */
    readonly identity: IdentityKind | null;
    /** Computed column expression (`asExpression`) and its kind. */
    readonly asExpression: string | null;
    readonly generatedType: "STORED" | "VIRTUAL" | null;
    /** Enum values in declaration order, or null when the column is not an enum. */
    readonly enum: readonly string[] | null;
    /** PostgreSQL: the enum type's name (without schema); null elsewhere. */
    readonly enumName: string | null;
    readonly array: boolean;
    readonly comment: string | null;
    readonly collation: string | null;
    readonly charset: string | null;
    readonly unsigned: boolean;
    readonly onUpdate: string | null;
    readonly spatialFeatureType: string | null;
    readonly srid: number | null;
    readonly primary: boolean;
}

/** Names a member of a table (an index, a constraint) without its definition. */
export interface MemberRef extends TableRef {
    readonly name: string;
}

export interface PrimaryKey extends TableRef {
    readonly name: string;
    readonly columns: readonly string[];
}

export interface Index extends TableRef {
    readonly name: string;
    readonly columns: readonly string[];
    readonly unique: boolean;
    /** Partial index predicate as written in the entity, or null. */
    readonly where: string | null;
    /** Index method (`gin`, `gist`, `hash`, ...), or null for the default. */
    readonly type: string | null;
    readonly spatial: boolean;
    readonly fulltext: boolean;
    readonly parser: string | null;
    readonly concurrent: boolean;
    readonly nullFiltered: boolean;
    /**
     * MySQL/MariaDB: the prefix length of each column (`name(191)`), null for a whole column;
     * absent when no column has one. TypeORM's index options cannot declare one.
     */
    readonly lengths?: readonly (number | null)[];
    /**
     * An index over expressions (PostgreSQL, SQLite): its key list as the server prints it
     * (`lower((name)::text), id`), and `columns` empty; absent for an index over columns. TypeORM's
     * `@Index` takes columns only: such an index comes from an adopted database.
     */
    readonly expression?: string;
}

export interface Unique extends TableRef {
    readonly name: string;
    readonly columns: readonly string[];
    readonly deferrable: string | null;
}

export type ReferentialAction = "CASCADE" | "SET NULL" | "SET DEFAULT" | "RESTRICT" | "NO ACTION";

export interface ForeignKey extends TableRef {
    readonly name: string;
    readonly columns: readonly string[];
    readonly referencedSchema: string;
    readonly referencedTable: string;
    readonly referencedColumns: readonly string[];
    readonly onDelete: ReferentialAction;
    readonly onUpdate: ReferentialAction;
    readonly deferrable: string | null;
}

export interface Check extends TableRef {
    readonly name: string;
    readonly expression: string;
}

/** A PostgreSQL exclusion constraint; `expression` is what follows EXCLUDE (`USING gist (...)`). */
export interface Exclusion extends TableRef {
    readonly name: string;
    readonly expression: string;
    readonly deferrable: string | null;
}

/** A PostgreSQL enum type. */
export interface EnumType {
    readonly schema: string;
    readonly name: string;
    readonly values: readonly string[];
}

export interface View {
    readonly schema: string;
    readonly name: string;
    readonly expression: string;
    readonly materialized: boolean;
    /** Names of the views (same schema) this one selects from: created after them, dropped before. */
    readonly dependsOn: readonly string[];
}

/** A row TypeORM's `synchronize()` keeps in its `typeorm_metadata` table (views, generated columns). */
export interface MetadataRow {
    readonly type: "VIEW" | "MATERIALIZED_VIEW" | "GENERATED_COLUMN";
    readonly schema: string;
    /** `""` for views. */
    readonly table: string;
    /** The generated column's name, or the view's name. */
    readonly name: string;
    readonly value: string;
}

export interface Schema {
    readonly version: typeof SCHEMA_FORMAT_VERSION;
    readonly dialect: Dialect;
    /** The TypeORM version whose naming produced the constraint names. */
    readonly typeormVersion: string;
    /** The schema objects live in when none is given (`public`), `""` where the dialect has none. */
    readonly defaultSchema: string;
    /** Non-default schemas the entities use (PostgreSQL `CREATE SCHEMA`). */
    readonly schemas: readonly string[];
    /** PostgreSQL extensions TypeORM would install for these entities. */
    readonly extensions: readonly string[];
    readonly enums: readonly EnumType[];
    readonly tables: readonly Table[];
    /** Grouped by table, in the table's column order. */
    readonly columns: readonly Column[];
    readonly primaryKeys: readonly PrimaryKey[];
    readonly indexes: readonly Index[];
    readonly uniques: readonly Unique[];
    readonly foreignKeys: readonly ForeignKey[];
    readonly checks: readonly Check[];
    readonly exclusions: readonly Exclusion[];
    readonly views: readonly View[];
    readonly metadataRows: readonly MetadataRow[];
    /**
     * Indexes the entities declare with `synchronize: false`, which synchronize() neither creates
     * nor drops: one the previous state already has stays as it is. Only the metadata reader sets
     * this (absent when there are none); snapshot states never have it.
     */
    readonly unmanagedIndexes?: readonly MemberRef[];
}

/** An empty schema for a dialect: the state before the first migration. */
export function emptySchema(dialect: Dialect, defaultSchema: string, typeormVersion: string): Schema {
    return {
        version: SCHEMA_FORMAT_VERSION,
        dialect,
        typeormVersion,
        defaultSchema,
        schemas: [],
        extensions: [],
        enums: [],
        ...emptyEntryLists(),
    };
}

/** The schema's lists of entries that belong to a table or view (or are one). */
export type EntryListKind = "tables" | "columns" | "primaryKeys" | "indexes" | "uniques" | "foreignKeys" | "checks" | "exclusions" | "views" | "metadataRows";

/** Those lists, empty and open to additions. */
export function emptyEntryLists(): { [K in EntryListKind]: NonNullable<Schema[K]>[number][] } {
    return { tables: [], columns: [], primaryKeys: [], indexes: [], uniques: [], foreignKeys: [], checks: [], exclusions: [], views: [], metadataRows: [] };
}
