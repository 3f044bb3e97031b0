/**
 * The `typeorm-migrate.config.json` that `init -d <file>` writes: the one bind's data source, so
 * later commands need no `-d`. JSON needs neither a compiler nor a module format (a `.ts` config
 * would need ts-node, a `.js` one differs between ESM and CommonJS projects).
 */
export function dataSourceConfigTemplate(dataSourceFile: string, migrationsDir?: string): string {
    return `${JSON.stringify({ ...(migrationsDir === undefined ? {} : { migrationsDir }), binds: { default: dataSourceFile } }, null, 4)}\n`;
}
