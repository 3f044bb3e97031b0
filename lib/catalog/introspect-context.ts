import type { DataSource } from "typeorm";
import type { IntrospectOptions } from "./options";
import type { Query } from "./query";

/** What a dialect's reader gets: the data source, a query function on its own connection, and the options. */
export interface IntrospectContext {
    readonly dataSource: DataSource;
    readonly query: Query;
    readonly options: IntrospectOptions;
    /** Names of the bookkeeping tables (see bookkeeping-tables.ts). */
    readonly bookkeeping: ReadonlySet<string>;
}
