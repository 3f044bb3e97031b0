import type { DataSource } from "typeorm";
import { dialectOf } from "../entities/dialect-of";
import { driverSchema, typeormVersion } from "../typeorm";
import type { Schema } from "../schema/model";

/** What an empty schema of a connected data source's database needs: dialect, default schema, TypeORM version. */
export function shapeOf(dataSource: DataSource): Pick<Schema, "dialect" | "defaultSchema" | "typeormVersion"> {
    const dialect = dialectOf(dataSource.options.type);
    // PostgreSQL's driver learns the current schema on connect.
    const defaultSchema = dialect === "postgres" ? (driverSchema(dataSource) ?? "public") : "";
    return { dialect, defaultSchema, typeormVersion: typeormVersion() };
}
