import type { DialectReading } from "../reading";

export const sqliteReading: DialectReading = {};
