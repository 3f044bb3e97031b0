import type { DialectReading } from "../reading";

export const mysqlReading: DialectReading = {};

export const mariadbReading: DialectReading = { ...mysqlReading };
