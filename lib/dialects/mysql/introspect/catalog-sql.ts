// information_schema queries for the connection's current database.

export const TABLES_SQL = `
    SELECT t.TABLE_NAME AS \`table\`, t.ENGINE AS engine, t.TABLE_COMMENT AS comment, t.TABLE_COLLATION AS collation,
           c.CHARACTER_SET_NAME AS charset
    FROM information_schema.TABLES t
    LEFT JOIN information_schema.COLLATIONS c ON c.COLLATION_NAME = t.TABLE_COLLATION
    WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE'`;

export interface TableRow {
    readonly table: string;
    readonly engine: string | null;
    readonly comment: string | null;
    readonly collation: string | null;
    readonly charset: string | null;
}

export const COLUMNS_SQL = `
    SELECT c.TABLE_NAME AS \`table\`, c.COLUMN_NAME AS name, c.COLUMN_TYPE AS type, c.DATA_TYPE AS dataType,
           c.IS_NULLABLE AS nullable, c.COLUMN_DEFAULT AS \`default\`, c.EXTRA AS extra,
           c.CHARACTER_SET_NAME AS charset, c.COLLATION_NAME AS collation, co.IS_DEFAULT AS defaultCollation,
           c.COLUMN_COMMENT AS comment, c.GENERATION_EXPRESSION AS expression, c.COLUMN_KEY AS \`key\`
    FROM information_schema.COLUMNS c
    LEFT JOIN information_schema.COLLATIONS co ON co.COLLATION_NAME = c.COLLATION_NAME
    WHERE c.TABLE_SCHEMA = DATABASE()
    ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION`;

export interface ColumnRow {
    readonly table: string;
    readonly name: string;
    readonly type: string;
    readonly dataType: string;
    /** `YES` or `NO`. */
    readonly nullable: string;
    readonly default: string | null;
    readonly extra: string | null;
    readonly charset: string | null;
    readonly collation: string | null;
    /** `Yes` when the collation is its character set's default. */
    readonly defaultCollation: string | null;
    readonly comment: string | null;
    readonly expression: string | null;
    /** `PRI` for a primary key column. */
    readonly key: string;
}

export const INDEX_COLUMNS_SQL = `
    SELECT TABLE_NAME AS \`table\`, INDEX_NAME AS name, SEQ_IN_INDEX AS seq, COLUMN_NAME AS \`column\`,
           NON_UNIQUE AS nonUnique, INDEX_TYPE AS type, SUB_PART AS subPart, COLLATION AS \`order\`
    FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()
    ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`;

export interface IndexColumnRow {
    readonly table: string;
    readonly name: string;
    readonly seq: number;
    /** Null for a functional key part (MySQL 8). */
    readonly column: string | null;
    readonly nonUnique: number | string;
    /** `BTREE`, `HASH`, `SPATIAL` or `FULLTEXT`. */
    readonly type: string;
    /** The prefix length (`name(191)`), null for the whole column. */
    readonly subPart: number | string | null;
    /** `A` ascending, `D` descending (MariaDB 10.8+, MySQL 8), null where the index keeps no order. */
    readonly order: string | null;
}

export const FOREIGN_KEYS_SQL = `
    SELECT rc.TABLE_NAME AS \`table\`, rc.CONSTRAINT_NAME AS name, rc.REFERENCED_TABLE_NAME AS referencedTable,
           rc.UPDATE_RULE AS onUpdate, rc.DELETE_RULE AS onDelete,
           k.COLUMN_NAME AS \`column\`, k.REFERENCED_COLUMN_NAME AS referencedColumn, k.ORDINAL_POSITION AS position
    FROM information_schema.REFERENTIAL_CONSTRAINTS rc
    JOIN information_schema.KEY_COLUMN_USAGE k
      ON k.CONSTRAINT_SCHEMA = rc.CONSTRAINT_SCHEMA AND k.TABLE_NAME = rc.TABLE_NAME AND k.CONSTRAINT_NAME = rc.CONSTRAINT_NAME
    WHERE rc.CONSTRAINT_SCHEMA = DATABASE()
    ORDER BY rc.TABLE_NAME, rc.CONSTRAINT_NAME, k.ORDINAL_POSITION`;

export interface ForeignKeyRow {
    readonly table: string;
    readonly name: string;
    readonly referencedTable: string;
    readonly onUpdate: string;
    readonly onDelete: string;
    readonly column: string;
    readonly referencedColumn: string;
    readonly position: number;
}

/** MariaDB names the table in CHECK_CONSTRAINTS, and a column-level check (LEVEL `Column`) after its column, so names repeat across tables. */
export const MARIADB_CHECKS_SQL = `
    SELECT TABLE_NAME AS \`table\`, CONSTRAINT_NAME AS name, CHECK_CLAUSE AS clause, LEVEL AS level
    FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()
    ORDER BY TABLE_NAME, CONSTRAINT_NAME`;

/** MySQL 8.0.16+: a check's name is unique in its database; TABLE_CONSTRAINTS names its table. */
export const CHECKS_SQL = `
    SELECT tc.TABLE_NAME AS \`table\`, cc.CONSTRAINT_NAME AS name, cc.CHECK_CLAUSE AS clause, 'Table' AS level
    FROM information_schema.CHECK_CONSTRAINTS cc
    JOIN information_schema.TABLE_CONSTRAINTS tc
      ON tc.CONSTRAINT_SCHEMA = cc.CONSTRAINT_SCHEMA AND tc.CONSTRAINT_NAME = cc.CONSTRAINT_NAME AND tc.CONSTRAINT_TYPE = 'CHECK'
    WHERE cc.CONSTRAINT_SCHEMA = DATABASE()
    ORDER BY tc.TABLE_NAME, cc.CONSTRAINT_NAME`;

export interface CheckRow {
    readonly table: string;
    readonly name: string;
    readonly clause: string;
    /** MariaDB: `Column` for a check written on a column, else `Table`. */
    readonly level: string;
}

export const VIEWS_SQL = `SELECT TABLE_NAME AS name, VIEW_DEFINITION AS definition, TABLE_SCHEMA AS \`database\` FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()`;

export interface ViewRow {
    readonly name: string;
    readonly definition: string;
    readonly database: string;
}
