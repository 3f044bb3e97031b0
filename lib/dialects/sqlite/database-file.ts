import { resolve } from "node:path";
import type { DataSourceOptions } from "typeorm";

/** The file an SQLite data source opens, resolved; null for a database in memory. */
export function databaseFile(options: DataSourceOptions): string | null {
    const file = String(options.database ?? "");
    return file === "" || file === ":memory:" ? null : resolve(file);
}
