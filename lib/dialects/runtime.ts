import type { DataSource, DataSourceOptions, QueryRunner } from "typeorm";

/**
 * What a dialect answers when migrations run against (or are printed for) its database: how the
 * migration lock is held, how the runner's own statements are written in its SQL, how a scratch
 * database is made, and what its connection URLs look like. The runner asks; it never names a dialect.
 *
 * @example
 * const { runtime } = dialectForDriver(dataSource.options.type);
 * const lock = await runtime.migrationLock(queryRunner); // null: no other process can reach the database
 */
export interface DialectRuntime {
    /** The bind's migration lock on `queryRunner`'s connection; null where no other process can reach the database (in memory). */
    migrationLock(queryRunner: QueryRunner): Promise<MigrationLock | null>;
    /** How printed SQL spells the parameters a statement was sent with. */
    readonly offlineLiterals: OfflineLiterals;
    /**
     * What TypeORM's `beforeMigration()` / `afterMigration()` send on this dialect, written out for printed
     * SQL around each migration; null where they send nothing.
     */
    readonly migrationFrame: MigrationFrame | null;
    /**
     * A statement to send before `sql` is sent again on resume, clearing what the stopped attempt
     * may have left behind (PostgreSQL: the INVALID index a failed `CREATE INDEX CONCURRENTLY`
     * leaves); null when nothing is in the way.
     */
    beforeResending(sql: string): string | null;
    /**
     * How a session bounds its wait for a table lock, so a migration without a transaction does not
     * queue the application behind it for long; null where the runner cannot set one.
     */
    readonly lockTimeout: LockTimeout | null;
    /** Adds a column to the migrations table where it is missing, as SQL that needs no answer from the database. */
    addColumnIfMissing(column: MigrationsTableColumn): IfMissingSql;
    /** A text column type that holds a statement of any length (the dirty journal's). */
    readonly longTextType: string;
    /**
     * Where migrations run with foreign keys off (SQLite's table rebuilds), the rows a migration left
     * breaking one; null where the server checks every statement as it runs.
     */
    readonly foreignKeyViolations: ((queryRunner: QueryRunner) => Promise<readonly ForeignKeyViolation[]>) | null;
    /** A throwaway database named `name` beside the bind's (`bindUrl`: the bind's connection URL, if it has one). */
    scratchDatabase(name: string, bindUrl: string | undefined): ScratchDatabasePlan;
    /** What a connection URL (or, where the dialect takes one, a bare path) asks of a data source of this dialect. */
    connectionUrl(url: string): ConnectionUrlTarget;
    /**
     * Whether connecting only looks: false where the database is not there and connecting would
     * create it (an SQLite file that does not exist, or one in memory), so nothing connects just to look.
     */
    canLookWithoutCreating(options: DataSourceOptions): boolean;
    /** Driver options set on a data source that runs migrations, so connecting changes no schema (PostgreSQL's extensions). */
    readonly migrationConnectionOptions: Readonly<Record<string, unknown>>;
    /** The driver options that bound how long connecting may take (a probe must not wait on a host that never answers). */
    connectTimeoutOptions(ms: number): Readonly<Record<string, number>>;
    /** The schema unqualified names resolve to on a connected data source; "" where the dialect has no schemas. */
    defaultSchema(dataSource: DataSource): string;
    /** Options of the DataSource's `extra` (the driver's pool) that keep it to one connection (a fleet's `--parallel N` holds N). */
    readonly singleConnectionOptions: Readonly<Record<string, unknown>>;
    /** Where one database holds a fleet of tenant schemas (PostgreSQL); null where the dialect has no schemas. */
    readonly schemaTargets: SchemaTargets | null;
}

/** How a fleet of tenant schemas is listed and how a data source is pointed at one of them. */
export interface SchemaTargets {
    /** Lists the schemas (column `name`, sorted) whose names match the regular expression `$1`, system schemas left out. */
    readonly listSql: string;
    /** Options of the DataSource's `extra` under which unqualified names resolve in `schema` first (then in the shared `public`). */
    connectionOptions(schema: string): Readonly<Record<string, unknown>>;
    /** Marks a data source made for one tenant: its migration lock is its schema's, so tenants of one database migrate side by side. */
    lockPerSchema(dataSource: DataSource): void;
}

/** A session's bound on waiting for a lock, and how to tell the error it gives up with. */
export interface LockTimeout {
    set(ms: number): string;
    readonly reset: string;
    isTimeout(error: unknown): boolean;
}

/** One kind of migration lock: tried until taken (the runner polls), given back, named in a message. */
export interface MigrationLock {
    /** One try; true when this connection now holds it. */
    readonly attempt: () => Promise<boolean>;
    readonly unlock: () => Promise<unknown>;
    /** Which lock (and who holds it, where that can be known), for a timeout message. */
    readonly describe: () => string;
}

/** How printed SQL writes parameters in as literals, and where placeholders cannot be. */
export interface OfflineLiterals {
    /** A placeholder at the start of the text: `$1` (its first group numbers the parameter from 1) or `?` (parameters in order). */
    readonly placeholder: RegExp;
    /** Whether the string or quoted identifier opened by `quote`, right after the character `before`, takes backslash escapes. */
    readonly backslashEscapes: (quote: string, before: string) => boolean;
    /** Dollar-quoted strings (`$tag$ ... $tag$`), which hold no placeholders. */
    readonly dollarQuoting: boolean;
    readonly boolean: (value: boolean) => string;
    readonly bytes: (value: Buffer) => string;
}

/** The statements around one migration. */
export interface MigrationFrame {
    readonly before: string;
    readonly after: string;
}

/** A column of TypeORM's migrations table, as its driver names and types it. */
export interface MigrationsTableColumn {
    /** The table's path as TypeORM escapes it (`"public"."migrations"`). */
    readonly tablePath: string;
    /** The table's database (where the path names one) and name, unescaped, as the driver parses the path. */
    readonly database: string | undefined;
    readonly tableName: string;
    /** The column's name, unescaped. */
    readonly column: string;
    /** Its type as the driver writes it (`character varying(80)`). */
    readonly type: string;
    /** The driver's identifier quoting. */
    readonly escape: (name: string) => string;
}

/** Statements, and what they cannot do on this dialect, for a comment beside them. */
export interface IfMissingSql {
    readonly statements: readonly string[];
    readonly notes: readonly string[];
}

export interface ForeignKeyViolation {
    readonly table: string;
    readonly parent: string;
}

/** Where a scratch database is, and the statements (run on the bind's connection) that make and drop it. */
export interface ScratchDatabasePlan {
    /** Its name, as the data source's `database` option and as shown to the user. */
    readonly database: string;
    /** The bind's URL naming it instead, when the bind connects by URL. */
    readonly url?: string;
    /** Absent for a database in memory, which goes with its connection. */
    readonly create?: string;
    /** Drops it even while a session is still on it, where the server can. */
    readonly drop?: string;
}

/** The options a connection URL sets, or why it cannot point this dialect's data source anywhere. */
export type ConnectionUrlTarget =
    | { readonly kind: "options"; readonly options: { readonly url?: string; readonly database?: string } }
    | { readonly kind: "another-dialect" }
    | { readonly kind: "not-a-url" };

/** The scheme of `url` (`postgres` of `postgres://…`), lowercased; undefined for a bare path. */
export function urlScheme(url: string): string | undefined {
    return /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
}

/** A server's URL (`<scheme>://user@host/database`): it replaces the connection settings, and its path names the database. */
export function serverConnectionUrl(url: string, schemes: readonly string[]): ConnectionUrlTarget {
    const scheme = urlScheme(url);
    if (scheme === undefined || !schemes.includes(scheme)) return { kind: "another-dialect" };
    let database: string;
    try {
        database = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
    } catch {
        return { kind: "not-a-url" };
    }
    // The driver keeps its own copy of the database name, refreshed only when `database` is set.
    return { kind: "options", options: { url, ...(database ? { database } : {}) } };
}

/** `url` naming `database` on the same server instead. */
export function urlWithDatabase(url: string, database: string): string {
    const parsed = new URL(url);
    parsed.pathname = `/${database}`;
    return parsed.toString();
}

/** Whether a `SELECT <try lock> AS got` answered that the lock is now held (drivers return true, 1 or "1"). */
export function lockAnswer(rows: readonly { got: unknown }[]): boolean {
    const [{ got }] = rows;
    return got === true || Number(got) === 1;
}
