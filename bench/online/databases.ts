import { randomBytes } from "node:crypto";
import type { ServerKind } from "../fixture/data-source-source";
import { query } from "../measure/server-query";
import { parentRows } from "./fixture";

// Every database this bench makes is named tm_bench_online_<random> and dropped by
// `dropAllDatabases`, which the runner calls on every exit path.
const created = new Map<string, ServerKind>();
// CREATE DATABASEs still running: a drop that ran first would find nothing and the database would stay.
const creating = new Set<Promise<unknown>>();

/** A new empty database, or on PostgreSQL a copy of `template` (which must have no connections). */
export async function createDatabase(kind: ServerKind, template?: string): Promise<string> {
    const name = `tm_bench_online_${randomBytes(5).toString("hex")}`;
    created.set(name, kind);
    const creation = query(
        kind,
        undefined,
        kind === "postgres" ? `CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}` : `CREATE DATABASE \`${name}\``,
    );
    creating.add(creation);
    try {
        await creation;
    } finally {
        creating.delete(creation);
    }
    return name;
}

export async function dropDatabase(name: string): Promise<void> {
    const kind = created.get(name);
    if (kind === undefined) return;
    await query(kind, undefined, kind === "postgres" ? `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)` : `DROP DATABASE IF EXISTS \`${name}\``);
    created.delete(name);
}

export async function dropAllDatabases(): Promise<void> {
    await Promise.allSettled([...creating]);
    for (const name of [...created.keys()]) await dropDatabase(name).catch(() => undefined);
}

/**
 * Fills v1's tables server-side: `parentRows` parents, `rows` items with unique codes, every
 * `qty` set (so NOT NULL can be added) and every `parentId` valid (so the foreign key can).
 */
export async function fillRows(kind: ServerKind, database: string, rows: number): Promise<void> {
    if (kind === "postgres") {
        await query(
            kind,
            database,
            `INSERT INTO parent (name) SELECT 'parent ' || g FROM generate_series(1, ${parentRows}) g`,
            `INSERT INTO item ("parentId", code, qty, note) SELECT 1 + g % ${parentRows}, 'c' || g, g % 997, 'note ' || g FROM generate_series(1, ${rows}) g`,
            "VACUUM ANALYZE parent",
            "VACUUM ANALYZE item",
        );
        return;
    }
    await query(
        kind,
        database,
        `INSERT INTO parent (name) SELECT CONCAT('parent ', seq) FROM seq_1_to_${parentRows}`,
        `INSERT INTO item (parentId, code, qty, note) SELECT 1 + seq % ${parentRows}, CONCAT('c', seq), seq % 997, CONCAT('note ', seq) FROM seq_1_to_${rows}`,
        "ANALYZE TABLE parent, item",
    );
}

/** What v2 asks of `item`, as the catalog shows it afterwards; all true or the variant did not do its job. */
export interface SchemaCheck {
    readonly qtyIndex: boolean;
    readonly foreignKey: boolean;
    readonly qtyNotNull: boolean;
    readonly codeUnique: boolean;
    /** PostgreSQL: no INVALID index left by a failed concurrent build. */
    readonly noInvalidIndex: boolean;
}

export function schemaPassed(check: SchemaCheck): boolean {
    return Object.values(check).every(Boolean);
}

export async function checkSchema(kind: ServerKind, database: string): Promise<SchemaCheck> {
    const [row] =
        kind === "postgres"
            ? await query(
                  kind,
                  database,
                  `SELECT
            EXISTS (SELECT 1 FROM pg_indexes WHERE tablename = 'item' AND indexdef LIKE '%(qty)%') AS "qtyIndex",
            EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'item'::regclass AND contype = 'f' AND convalidated
                AND confrelid = 'parent'::regclass) AS "foreignKey",
            (SELECT attnotnull FROM pg_attribute WHERE attrelid = 'item'::regclass AND attname = 'qty') AS "qtyNotNull",
            EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'item'::regclass AND contype = 'u') AS "codeUnique",
            NOT EXISTS (SELECT 1 FROM pg_index WHERE indrelid = 'item'::regclass AND NOT indisvalid) AS "noInvalidIndex"`,
              )
            : await query(
                  kind,
                  undefined,
                  `SELECT
            EXISTS (SELECT 1 FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '${database}' AND TABLE_NAME = 'item'
                AND COLUMN_NAME = 'qty' AND SEQ_IN_INDEX = 1) AS qtyIndex,
            EXISTS (SELECT 1 FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = '${database}'
                AND TABLE_NAME = 'item' AND REFERENCED_TABLE_NAME = 'parent') AS foreignKey,
            EXISTS (SELECT 1 FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '${database}' AND TABLE_NAME = 'item'
                AND COLUMN_NAME = 'qty' AND IS_NULLABLE = 'NO') AS qtyNotNull,
            EXISTS (SELECT 1 FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '${database}' AND TABLE_NAME = 'item'
                AND COLUMN_NAME = 'code' AND NON_UNIQUE = 0) AS codeUnique,
            1 AS noInvalidIndex`,
              );
    const flag = (value: unknown) => value === true || Number(value) === 1;
    return {
        qtyIndex: flag(row?.qtyIndex),
        foreignKey: flag(row?.foreignKey),
        qtyNotNull: flag(row?.qtyNotNull),
        codeUnique: flag(row?.codeUnique),
        noInvalidIndex: flag(row?.noInvalidIndex),
    };
}
