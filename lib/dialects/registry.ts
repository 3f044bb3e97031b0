import { BadInputError } from "../errors";
import type { Dialect } from "../schema/model";
import type { DialectModule } from "./dialect";

/** A dialect the differ's model knows but whose SQL emitters have not landed yet. */
export class UnsupportedDialectError extends BadInputError {
    override readonly name = "UnsupportedDialectError";
}

/** A TypeORM driver type this tool has no dialect for. */
export class UnsupportedDriverError extends BadInputError {
    override readonly name = "UnsupportedDriverError";
}

// Loaded on first use: a run touches one dialect, and its modules need not load for the others.
const postgres = () => (require("./postgres") as typeof import("./postgres")).postgresDialect;
const mysql = () => (require("./mysql") as typeof import("./mysql")).mysqlDialect;
const mariadb = () => (require("./mysql") as typeof import("./mysql")).mariadbDialect;
const sqlite = () => (require("./sqlite") as typeof import("./sqlite")).sqliteDialect;

/** The registry: adding a dialect is one line here (and one in the model's `Dialect` type). */
const byName: Readonly<Record<Dialect, () => DialectModule>> = { postgres, mysql, sqlite };

/** Which dialect serves each TypeORM driver type. */
const byDriver: Readonly<Record<string, () => DialectModule>> = { postgres, mysql, mariadb, "better-sqlite3": sqlite, sqljs: sqlite };

/** The dialect a snapshot names. */
export function dialectModule(name: Dialect): DialectModule {
    const load = Object.hasOwn(byName, name) ? byName[name] : undefined;
    if (!load) throw new UnsupportedDialectError(`SQL for ${String(name)} is not supported yet (PostgreSQL, MySQL and SQLite are)`);
    return load();
}

/** The dialect (with its variant) serving a TypeORM driver type, e.g. `dataSource.options.type`. */
export function dialectForDriver(type: string): DialectModule {
    const load = Object.hasOwn(byDriver, type) ? byDriver[type] : undefined;
    if (!load) {
        const known = Object.keys(byDriver);
        throw new UnsupportedDriverError(`driver type "${type}" is not supported (${known.slice(0, -1).join(", ")} and ${known.at(-1)} are)`);
    }
    return load();
}
