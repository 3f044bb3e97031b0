import type { DataSource } from "typeorm";
import { dialectOf } from "../entities/dialect-of";
import { UserFileError } from "./errors";
import { maskCredentials } from "./mask-credentials";

const schemesByDialect = {
    postgres: ["postgres", "postgresql"],
    mysql: ["mysql", "mariadb"],
    sqlite: ["sqlite", "file"],
} as const;

/**
 * Points a data source at another database of the same kind (staging, production) before it
 * connects: `postgres://…` / `mysql://…` replace the connection settings; for SQLite,
 * `sqlite:<path>` or a bare path replaces the file.
 */
export function pointAtUrl(dataSource: DataSource, url: string): void {
    const dialect = dialectOf(dataSource.options.type);
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
    if (dialect === "sqlite") {
        if (scheme !== undefined && !(schemesByDialect.sqlite as readonly string[]).includes(scheme)) throw mismatch(dataSource, url);
        dataSource.setOptions({ database: url.replace(/^(sqlite|file):(\/\/)?/i, "") });
        return;
    }
    if (scheme === undefined || !(schemesByDialect[dialect] as readonly string[]).includes(scheme)) throw mismatch(dataSource, url);
    let database: string;
    try {
        database = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
    } catch {
        throw new UserFileError(`--url: "${maskCredentials(url)}" is not a connection URL`);
    }
    // The driver keeps its own copy of the database name, refreshed only when `database` is set.
    dataSource.setOptions({ url, ...(database ? { database } : {}) } as Partial<DataSource["options"]>);
}

function mismatch(dataSource: DataSource, url: string): UserFileError {
    return new UserFileError(`--url: "${maskCredentials(url)}" is not a ${dataSource.options.type} URL (the bind's data source is ${dataSource.options.type})`);
}
