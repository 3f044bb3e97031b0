import type { DialectRuntime } from "../runtime";

export const mysqlRuntime: DialectRuntime = {};
