import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./run-cli";

/** Table name → column name → column type; each table also gets an `id integer` generated primary key. */
export type Tables = Record<string, Record<string, string>>;

/**
 * Writes a data source file (plain JavaScript, EntitySchemas, nullable columns) for these tables
 * on the SQLite database named by $APP_DB, for specs that drive the CLI through entity versions.
 * @example writeDataSource(join(cwd, "v1.js"), { account: { email: "varchar" } })
 */
export function writeDataSource(file: string, tables: Tables): void {
    const typeorm = JSON.stringify(join(repoRoot, "node_modules", "typeorm"));
    const schemas = Object.entries(tables).map(([name, columns]) => {
        const fields = Object.entries(columns).map(([column, type]) => `${column}: { type: ${JSON.stringify(type)}, nullable: true }`);
        return `new EntitySchema({ name: ${JSON.stringify(name)}, columns: { id: { type: "integer", primary: true, generated: "increment" }, ${fields.join(", ")} } })`;
    });
    writeFileSync(
        file,
        `const { DataSource, EntitySchema } = require(${typeorm});\nmodule.exports = new DataSource({ type: "better-sqlite3", database: process.env.APP_DB, entities: [${schemas.join(", ")}] });\n`,
    );
}
