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
}

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
