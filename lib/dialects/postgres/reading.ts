import type { DialectReading } from "../reading";

export const postgresReading: DialectReading = {};
