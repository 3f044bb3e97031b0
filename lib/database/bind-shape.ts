import type { DataSource } from "typeorm";
import { dialectForDriver } from "../dialects/registry";
import { typeormVersion } from "../typeorm";
import type { Schema } from "../schema/model";

/** What an empty schema of a connected data source's database needs: dialect, default schema, TypeORM version. */
export function shapeOf(dataSource: DataSource): Pick<Schema, "dialect" | "defaultSchema" | "typeormVersion"> {
    const dialect = dialectForDriver(dataSource.options.type);
    return { dialect: dialect.name, defaultSchema: dialect.runtime.defaultSchema(dataSource), typeormVersion: typeormVersion() };
}
