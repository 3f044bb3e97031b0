import type { DataSource } from "typeorm";

/** One database and its chain of migrations. */
export interface BindOptions {
    /** The bind's TypeORM DataSource, or a file exporting one (relative to the config file). */
    readonly dataSource: DataSource | string;
    /** Tables, views and enum types this bind leaves out of the comparison (see `--exclude`). */
    readonly exclude?: readonly string[];
    /**
     * The server version TypeORM's version-dependent choices follow when generating offline
     * (default: PostgreSQL 15, MySQL 8.0, MariaDB 10.11), e.g. MariaDB's uuid type from 10.7.
     */
    readonly serverVersion?: string;
    /** An environment variable (e.g. `DATABASE_URL`) that, when set, points the bind at another database. */
    readonly urlFromEnv?: string;
    /** `generate` writes the lock-friendly forms for this bind, as `generate --online` does (PostgreSQL; ignored elsewhere). */
    readonly online?: boolean;
    /**
     * The databases the bind's one chain of migrations runs on (a fleet of tenants): `upgrade`,
     * `downgrade`, `current`, `stamp` and `check --db` work on each of them. Without it, the bind is
     * the one database its DataSource (or `urlFromEnv`, `--url`) names.
     */
    readonly targets?: TargetSource;
}

/** One database of a fleet given by URL, with the name the summary shows (default: host/database). */
export interface NamedTarget {
    readonly name?: string;
    readonly url: string;
}

/**
 * Where a bind's targets come from:
 * - a list of connection URLs (or `{ name, url }`);
 * - `{ env: "TENANT_URLS" }`: an environment variable holding URLs separated by spaces, commas or newlines;
 * - `{ module: "./tenants.ts" }`: a file (relative to the config file) whose default export, or
 *   export `targets`, is an async function given `{ dataSource }` (the bind's, not connected) that
 *   returns such a list, e.g. read from a tenants table;
 * - `{ schemas: "tenant_*" }`: PostgreSQL, every schema of the bind's database whose name matches
 *   (`*` any characters, `?` one): the migrations run once in each, with the DataSource's `schema`
 *   set to it. The bind's entities then name no schema, and its migrations name none either.
 */
export type TargetSource = readonly (string | NamedTarget)[] | { readonly env: string } | { readonly module: string } | { readonly schemas: string };

/** What `typeorm-migrate.config.ts` (or `.js` / `.json`) exports. */
export interface TypeormMigrateConfig {
    /** Where the bind folders live, relative to the config file (default `migrations`). */
    readonly migrationsDir?: string;
    /** Patterns excluded on every bind, added to each bind's own. */
    readonly exclude?: readonly string[];
    /** Bind name → its DataSource, a file exporting one, or the full options. */
    readonly binds: Readonly<Record<string, DataSource | string | BindOptions>>;
}

/** Typed identity, for editor help in a `.ts` config file. */
export function defineConfig(config: TypeormMigrateConfig): TypeormMigrateConfig {
    return config;
}

/** Config file names looked for in the working directory, in this order. */
export const configFileNames = ["typeorm-migrate.config.ts", "typeorm-migrate.config.js", "typeorm-migrate.config.json"] as const;

/** The migrations folder when neither the config nor `--dir` names one. */
export const defaultMigrationsDir = "migrations";
