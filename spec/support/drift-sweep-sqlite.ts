import type { DataSource } from "typeorm";

// SQLite cannot alter a column or a constraint in place: a person changing one by hand rebuilds
// the table from an edited CREATE TABLE, as SQLite's documentation describes, keeping the rows.

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The parts between the outer parentheses of a CREATE TABLE, split at top-level commas. */
export function tableParts(createSql: string): { head: string; parts: string[]; tail: string } {
    const open = createSql.indexOf("(");
    const parts: string[] = [];
    let depth = 0;
    let quoteChar: string | null = null;
    let start = open + 1;
    for (let i = open + 1; i < createSql.length; i++) {
        const char = createSql[i];
        if (quoteChar !== null) {
            if (char === quoteChar) quoteChar = null;
            continue;
        }
        if (char === '"' || char === "'" || char === "`") quoteChar = char;
        else if (char === "(") depth++;
        else if (char === ")" && depth > 0) depth--;
        else if (char === ")" || (char === "," && depth === 0)) {
            parts.push(createSql.slice(start, i).trim());
            start = i + 1;
            if (char === ")") return { head: createSql.slice(0, open), parts, tail: createSql.slice(i + 1) };
        }
    }
    throw new Error(`no closing parenthesis in ${createSql}`);
}

/** The CREATE TABLE of `table` with its parts changed by `edit`. */
export async function editedTableSql(dataSource: DataSource, table: string, edit: (parts: string[]) => string[]): Promise<string> {
    const { head, parts, tail } = tableParts(await tableSql(dataSource, table));
    return `${head}(${edit(parts).join(", ")})${tail}`;
}

export async function tableSql(dataSource: DataSource, table: string): Promise<string> {
    const rows = await dataSource.query<{ sql: string }[]>(`SELECT "sql" FROM "sqlite_master" WHERE "type" = 'table' AND "name" = ?`, [table]);
    if (rows.length !== 1) throw new Error(`no table ${table}`);
    return rows[0].sql;
}

/** The part defining `column` (`"title" varchar(255) NOT NULL`). */
export function isColumnPart(part: string, column: string): boolean {
    return part.startsWith(`${quote(column)} `) || part.startsWith(`${quote(column)}\t`);
}

/**
 * Rebuilds `table` as `createSql` (its own name inside), copying the rows and re-creating its
 * indexes; foreign keys off and legacy renames so that views and referencing tables stay as written.
 */
export async function rebuildTable(dataSource: DataSource, table: string, createSql: string): Promise<void> {
    const indexes = await dataSource.query<{ sql: string }[]>(
        `SELECT "sql" FROM "sqlite_master" WHERE "type" = 'index' AND "tbl_name" = ? AND "sql" IS NOT NULL`,
        [table],
    );
    const temporary = `drift_sweep_${table}`;
    const renamed = createSql.replace(/^CREATE TABLE ("(?:[^"]|"")*"|\S+)/, `CREATE TABLE ${quote(temporary)}`);
    await dataSource.query("PRAGMA foreign_keys = OFF");
    await dataSource.query("PRAGMA legacy_alter_table = ON");
    try {
        await dataSource.query(renamed);
        await dataSource.query(`INSERT INTO ${quote(temporary)} SELECT * FROM ${quote(table)}`);
        await dataSource.query(`DROP TABLE ${quote(table)}`);
        await dataSource.query(`ALTER TABLE ${quote(temporary)} RENAME TO ${quote(table)}`);
        for (const { sql } of indexes) await dataSource.query(sql);
    } finally {
        await dataSource.query("PRAGMA legacy_alter_table = OFF");
        await dataSource.query("PRAGMA foreign_keys = ON");
    }
}
