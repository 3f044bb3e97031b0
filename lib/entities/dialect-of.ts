import type { DataSourceOptions } from "typeorm";
import { dialectForDriver } from "../dialects/registry";
import type { Dialect } from "../schema/model";

/** Which of our dialects serves a TypeORM driver type. */
export function dialectOf(type: DataSourceOptions["type"]): Dialect {
    return dialectForDriver(type).name;
}
