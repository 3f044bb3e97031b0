import { TableColumn, type DataSource, type TableColumnOptions } from "typeorm";
import { typeormMajor } from "./version";

/**
 * The length TypeORM writes in a column's SQL type. Its `createFullType` asks the driver for the
 * length again, of the normalized column: TypeORM 0.3 gives a generated uuid stored as varchar on
 * MySQL its 36 only there (1.x already in `createTableColumnOptions`).
 */
export function columnLength(dataSource: DataSource, options: TableColumnOptions): string {
    typeormMajor();
    if (options.length !== undefined && options.length !== "") return String(options.length);
    return dataSource.driver.getColumnLength(new TableColumn(options) as unknown as Parameters<DataSource["driver"]["getColumnLength"]>[0]);
}
