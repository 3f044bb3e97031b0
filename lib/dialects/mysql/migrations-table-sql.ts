import type { IfMissingSql, MigrationsTableColumn } from "../runtime";
import { quoteLiteral } from "./quote";

/** MySQL 8 has no `ADD COLUMN IF NOT EXISTS` (MariaDB has): ask information_schema, then run the ALTER or nothing. */
export function mysqlAddColumnIfMissing({ database, tableName, column, type, escape }: MigrationsTableColumn): IfMissingSql {
    const path = database ? `${escape(database)}.${escape(tableName)}` : escape(tableName);
    const alter = `ALTER TABLE ${path} ADD ${escape(column)} ${type} NULL`;
    const where = `TABLE_SCHEMA = ${database ? quoteLiteral(database) : "DATABASE()"} AND TABLE_NAME = ${quoteLiteral(tableName)} AND COLUMN_NAME = ${quoteLiteral(column)}`;
    return {
        statements: [
            `SET @typeorm_migrate_sql = IF(EXISTS(SELECT 1 FROM information_schema.COLUMNS WHERE ${where}), 'DO 0', ${quoteLiteral(alter)})`,
            "PREPARE typeorm_migrate_stmt FROM @typeorm_migrate_sql",
            "EXECUTE typeorm_migrate_stmt",
            "DEALLOCATE PREPARE typeorm_migrate_stmt",
        ],
        notes: [],
    };
}
