import type { IdentifierLimit } from "../reading";
import { clipToBytes, MAX_NAME_BYTES } from "./sequences";

/**
 * PostgreSQL keeps 63 bytes of a name and cuts the rest silently. Tables, views, indexes and the
 * indexes behind primary keys, uniques and exclusions share a namespace per schema; enum types
 * share one with the row types of tables and views; constraint names are per table.
 */
export const postgresIdentifierLimit: IdentifierLimit = {
    server: "PostgreSQL",
    max: MAX_NAME_BYTES,
    unit: "bytes",
    overLong: "cut",
    cut: (name) => clipToBytes(name, MAX_NAME_BYTES),
    unseen: [],
    scopes: {
        table: ["relations", "types"],
        view: ["relations", "types"],
        index: ["relations"],
        enum: ["types"],
        primaryKey: ["relations", "constraints"],
        unique: ["relations", "constraints"],
        exclusion: ["relations", "constraints"],
        foreignKey: ["constraints"],
        check: ["constraints"],
        column: ["columns"],
    },
};
