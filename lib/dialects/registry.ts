import type { Dialect } from "../schema/model";
import type { DialectModule } from "./dialect";

/** A dialect the differ's model knows but whose SQL emitters have not landed yet. */
export class UnsupportedDialectError extends Error {
    override readonly name = "UnsupportedDialectError";
}

// Loaded on first use: a run touches one dialect, and its emitters need not load for the others.
const loaders: Readonly<Record<Dialect, (() => DialectModule) | null>> = {
    postgres: () => (require("./postgres") as { postgresDialect: DialectModule }).postgresDialect,
    sqlite: () => (require("./sqlite") as { sqliteDialect: DialectModule }).sqliteDialect,
    mysql: () => (require("./mysql") as { mysqlDialect: DialectModule }).mysqlDialect,
};

export function dialectModule(name: Dialect): DialectModule {
    const load = loaders[name];
    if (!load) throw new UnsupportedDialectError(`SQL for ${name} is not supported yet (PostgreSQL, MySQL and SQLite are)`);
    return load();
}
