import { brief, type LockClass, type LockTable } from "../locks";
import { canAddInPlace } from "./add-columns";

// SQLite has one writer at a time: every change takes the database's write lock (readers go on in
// WAL mode). What matters is how long it is held: a catalog change is brief, a rebuild copies the table.

const brieflyLocked = brief("database write lock");
const none = brief("none");

const rebuild: LockClass = {
    lock: "database write lock (table rebuilt)",
    scans: true,
    rewrites: true,
    blocking: true,
    advice: "no online form on SQLite: every writer waits for the copy; run it when writes can wait, or do it in steps (expand, backfill, contract) that each add a column in place",
};

const indexBuild: LockClass = {
    lock: "database write lock (index built)",
    scans: true,
    rewrites: false,
    blocking: true,
    advice: "no online form on SQLite: every writer waits for the build; run it when writes can wait",
};

export const sqliteLocks: LockTable = {
    // Nothing is written for these: SQLite has no schemas, extensions or enum types.
    createSchema: () => none,
    dropSchema: () => none,
    createExtension: () => none,
    dropExtension: () => none,
    createEnum: () => none,
    dropEnum: () => none,
    alterEnum: () => none,
    renameEnum: () => none,
    addExclusion: () => none,
    dropExclusion: () => none,
    createTable: () => brieflyLocked,
    dropTable: () => brieflyLocked,
    setTableComment: () => rebuild,
    // ALTER TABLE ADD COLUMN where SQLite allows it (other changes to the table in the same migration may still rebuild it).
    addColumn: (op) => (canAddInPlace(op.column, null) ? brieflyLocked : rebuild),
    dropColumn: () => rebuild,
    alterColumn: () => rebuild,
    addPrimaryKey: () => rebuild,
    dropPrimaryKey: () => rebuild,
    addUnique: () => rebuild,
    dropUnique: () => rebuild,
    addCheck: () => rebuild,
    dropCheck: () => rebuild,
    addForeignKey: () => rebuild,
    dropForeignKey: () => rebuild,
    createIndex: () => indexBuild,
    dropIndex: () => brieflyLocked,
    createView: () => brieflyLocked,
    dropView: () => brieflyLocked,
    insertMetadataRow: () => brieflyLocked,
    deleteMetadataRow: () => brieflyLocked,
    renameTable: () => brieflyLocked,
    renameColumn: () => brieflyLocked,
    // Re-created: the index is built again.
    renameIndex: () => indexBuild,
    renameConstraint: () => rebuild,
};
