import type { DataSource } from "typeorm";
import { dialectForDriver } from "../dialects/registry";
import { setConnectionOptions } from "../typeorm";
import { UserFileError } from "./errors";
import { maskCredentials } from "./mask-credentials";

export interface PointAtUrlOptions {
    /** Where the URL came from (an option, an environment variable), to start an error with. */
    readonly source?: string;
}

/**
 * Points a data source at another database of the same kind (staging, production) before it
 * connects: a server's URL (`postgres://…`, `mysql://…`) replaces the connection settings; for
 * SQLite, `sqlite:<path>` or a bare path replaces the file.
 */
export function pointAtUrl(dataSource: DataSource, url: string, options: PointAtUrlOptions = {}): void {
    const target = dialectForDriver(dataSource.options.type).runtime.connectionUrl(url);
    const { type } = dataSource.options;
    const from = options.source === undefined ? "" : `${options.source}: `;
    if (target.kind === "another-dialect") throw new UserFileError(`${from}"${maskCredentials(url)}" is not a ${type} URL (the bind's data source is ${type})`);
    if (target.kind === "not-a-url") throw new UserFileError(`${from}"${maskCredentials(url)}" is not a connection URL`);
    setConnectionOptions(dataSource, target.options);
}
