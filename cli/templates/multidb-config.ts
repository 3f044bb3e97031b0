/** The `typeorm-migrate.config.ts` that `init --multidb` writes; every field explained where it stands. */
export function multiBindConfigTemplate(migrationsDir: string): string {
    return `import type { TypeormMigrateConfig } from "typeorm-migrate";

const config: TypeormMigrateConfig = {
    // Where the bind folders live, relative to this file. migrations/<bind>/ holds one bind's chain of
    // revisions: per revision a TypeORM migration class (.ts) and the schema change it makes (.json).
    migrationsDir: ${JSON.stringify(migrationsDir)},

    // Tables, views and enum types that no bind compares, e.g. ones another tool or an extension owns:
    // a name or schema.name, with * and ? wildcards; "schema.*" for a whole schema.
    exclude: [],

    // One entry per database. Each bind has its own migrations folder, its own migrations table in its
    // own database, and the entities its DataSource lists. Commands work on every bind unless given
    // --bind <name>; downgrade asks for --bind or --all-binds.
    binds: {
        // A file exporting a TypeORM DataSource, relative to this file (or the DataSource itself)...
        default: "src/data-source.ts",
        // ...or the long form, with patterns only this bind leaves out of the comparison.
        analytics: { dataSource: "src/analytics-data-source.ts", exclude: [] },
        // A fleet: one chain of migrations that upgrade, downgrade, current, stamp and check --db run on
        // every target (--parallel N at a time): a list of URLs, { env: "TENANT_URLS" }, { module:
        // "./tenants.ts" } exporting an async function that returns them, or, on PostgreSQL, the schemas
        // of the bind's database matching a pattern (the entities then name no schema):
        // tenants: { dataSource: "src/tenant-data-source.ts", targets: { schemas: "tenant_*" } },
    },
};

export default config;
`;
}
