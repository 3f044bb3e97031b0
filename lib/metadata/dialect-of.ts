import type { DataSourceOptions } from "typeorm";
import type { Dialect } from "../schema/model";
import { UnsupportedMetadataError } from "./errors";

const dialectByDriver: Partial<Record<DataSourceOptions["type"], Dialect>> = {
    postgres: "postgres",
    "better-sqlite3": "sqlite",
    sqljs: "sqlite",
    mysql: "mysql",
    mariadb: "mysql",
};

/** Which of our dialects serves a TypeORM driver type. */
export function dialectOf(type: DataSourceOptions["type"]): Dialect {
    const dialect = dialectByDriver[type];
    if (!dialect) throw new UnsupportedMetadataError(`driver type "${type}" is not supported (postgres, mysql, mariadb, better-sqlite3 and sqljs are)`);
    return dialect;
}
