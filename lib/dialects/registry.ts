import type { Dialect } from "../schema/model";
import type { DialectModule } from "./dialect";
import { postgresDialect } from "./postgres";
import { sqliteDialect } from "./sqlite";

/** A dialect the differ's model knows but whose SQL emitters have not landed yet. */
export class UnsupportedDialectError extends Error {
    override readonly name = "UnsupportedDialectError";
}

const dialects: Readonly<Record<Dialect, DialectModule | null>> = {
    postgres: postgresDialect,
    sqlite: sqliteDialect,
    mysql: null,
};

export function dialectModule(name: Dialect): DialectModule {
    const dialect = dialects[name];
    if (!dialect) throw new UnsupportedDialectError(`SQL for ${name} is not supported yet (PostgreSQL and SQLite are)`);
    return dialect;
}
