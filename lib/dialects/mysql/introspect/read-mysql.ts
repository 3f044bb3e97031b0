import type { Check, Column, ForeignKey, Index, MetadataRow, ReferentialAction, Schema, Table, View } from "../../../schema/model";
import { SCHEMA_FORMAT_VERSION } from "../../../schema/model";
import { typeormVersion } from "../../../typeorm";
import { TYPEORM_METADATA_TABLE, toMetadataRows, type TypeormMetadataTableRow } from "../../../catalog/bookkeeping-tables";
import type { IntrospectContext } from "../../../catalog/introspect-context";
import { IntrospectionError } from "../../../catalog/errors";
import { refuseUnkeptIndexes, type UnkeptIndex } from "../../../catalog/expression-indexes";
import { adoptNames } from "../../../catalog/names";
import type { Query } from "../../../catalog/query";
import {
    CHECKS_SQL,
    COLUMNS_SQL,
    FOREIGN_KEYS_SQL,
    INDEX_COLUMNS_SQL,
    MARIADB_CHECKS_SQL,
    TABLES_SQL,
    VIEWS_SQL,
    type CheckRow,
    type ColumnRow,
    type ForeignKeyRow,
    type IndexColumnRow,
    type TableRow,
    type ViewRow,
} from "./catalog-sql";
import { columnType } from "./column-type";
import { deepEqual } from "../../../schema/equal";
import { groupedBy } from "../../../schema/keyed";
import { memberKey } from "../../../schema/keys";
import { onUpdateOf, typeormDefault } from "./defaults";
import { quoteIdentifier } from "../quote";
import { MysqlProbe } from "./probe";
import { adoptMysqlSpellings } from "./spellings";

/**
 * Reads the connection's current MySQL or MariaDB database from information_schema. As the
 * entity reader does for this family (../as-synchronized.ts), it has no uniques apart from
 * unique indexes, and no index predicates or methods. CHECKs are read although `synchronize()`
 * never makes one here (TypeORM's MySQL query runner refuses to): one in the database was made
 * by hand, and is drift; MariaDB's implicit `json_valid` check of a `json` column is the
 * server's own and is left out. The primary key is always `PRIMARY` here: it takes the
 * reference's name, else the naming strategy's.
 */
export async function readMysql(ctx: IntrospectContext): Promise<Schema> {
    const { query } = ctx;
    const mariadb = await isMariadb(query);
    const [{ engine: defaultEngine, collation: defaultCollation }] = await query<{ engine: string; collation: string }>(
        "SELECT @@default_storage_engine AS engine, @@collation_database AS collation",
    );
    const tableRows = (await query<TableRow>(TABLES_SQL)).filter((row) => !ctx.bookkeeping.has(String(row.table)));
    const kept = new Map(tableRows.map((row) => [String(row.table), row]));
    const columnRows = (await query<ColumnRow>(COLUMNS_SQL)).filter((row) => kept.has(String(row.table)));
    const foreignKeys = toForeignKeys((await query<ForeignKeyRow>(FOREIGN_KEYS_SQL)).filter((row) => kept.has(String(row.table))));
    const indexRows = (await query<IndexColumnRow>(INDEX_COLUMNS_SQL)).filter((row) => kept.has(String(row.table)));
    refuseUnkeptIndexes(ctx, [
        ...(indexRows.some((row) => row.column === null) ? await expressionIndexes(query, mariadb, kept) : []),
        ...descendingIndexes(indexRows),
    ]);
    const metadataRows = await readMetadataRows(query);
    const checkRows = (await query<CheckRow>(mariadb ? MARIADB_CHECKS_SQL : CHECKS_SQL)).filter((row) => kept.has(String(row.table)));
    const json = new Set(checkRows.flatMap((row) => jsonValidColumn(row, mariadb)));
    const columns = columnRows.map((row) => asDeclaredJson(toColumn(row, kept.get(String(row.table)) as TableRow, mariadb), json));
    const read: Schema = {
        version: SCHEMA_FORMAT_VERSION,
        dialect: "mysql",
        typeormVersion: typeormVersion(),
        defaultSchema: "",
        schemas: [],
        extensions: [],
        enums: [],
        tables: tableRows.map((row): Table => ({
            schema: "",
            table: String(row.table),
            comment: row.comment ? String(row.comment) : null,
            // The model has an engine only where the entity names one; the server's default reads as none.
            engine: row.engine === null || String(row.engine).toLowerCase() === String(defaultEngine).toLowerCase() ? null : String(row.engine),
            withoutRowid: false,
            ...ownCollation(row, String(defaultCollation)),
        })),
        columns,
        primaryKeys: primaryKeys(ctx, indexRows),
        indexes: indexes(indexRows, foreignKeys),
        uniques: [],
        foreignKeys,
        checks: checkRows.filter((row) => jsonValidColumn(row, mariadb).length === 0).map(toCheck),
        exclusions: [],
        views: (await query<ViewRow>(VIEWS_SQL)).map(toView),
        metadataRows,
    };
    const columnTypes = new Map(columnRows.map((row) => [memberKey({ schema: "", table: String(row.table), name: String(row.name) }), String(row.type)]));
    const spelled = await adoptMysqlSpellings(read, ctx.options.reference, new MysqlProbe(query, mariadb), columnTypes);
    return adoptNames(withEngines(spelled, ctx.options.reference, tableRows), ctx.options.reference);
}

/**
 * MariaDB stores a `json` column as `longtext` with a utf8mb4_bin collation and an implicit
 * column-level CHECK (json_valid(`column`)) named after it; that check tells them apart from a
 * declared longtext. The column it marks, or none.
 */
function jsonValidColumn(row: CheckRow, mariadb: boolean): string[] {
    if (!mariadb || row.level !== "Column") return [];
    const column = /^json_valid\(`((?:[^`]|``)+)`\)$/.exec(String(row.clause).trim())?.[1]?.replaceAll("``", "`");
    return column === undefined || column !== String(row.name) ? [] : [memberKey({ schema: "", table: String(row.table), name: column })];
}

/**
 * `synchronize()` makes every table with the database's collation, so only another one is the
 * table's own (kept and compared); the character set goes with it.
 */
function ownCollation(row: TableRow, databaseCollation: string): Pick<Table, "charset" | "collation"> {
    if (row.collation === null || row.charset === null || String(row.collation) === databaseCollation) return {};
    return { charset: String(row.charset), collation: String(row.collation) };
}

function toCheck(row: CheckRow): Check {
    return { schema: "", table: String(row.table), name: String(row.name), expression: String(row.clause) };
}

/** MySQL 8's functional key parts (STATISTICS.EXPRESSION); MariaDB has none, a key part there is a column. */
async function expressionIndexes(query: Query, mariadb: boolean, kept: ReadonlyMap<string, TableRow>): Promise<UnkeptIndex[]> {
    const rows = mariadb
        ? []
        : await query<{ table: string; name: string; expression: string }>(
              "SELECT TABLE_NAME AS `table`, INDEX_NAME AS name, EXPRESSION AS expression FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND EXPRESSION IS NOT NULL ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX",
          );
    return rows
        .filter((row) => kept.has(String(row.table)))
        .map((row) => ({
            schema: "",
            table: String(row.table),
            name: String(row.name),
            definition: String(row.expression),
            why: "MySQL's functional key parts are not read yet",
        }));
}

/** Indexes with a descending key part: the model's MySQL indexes are column lists, ascending. */
function descendingIndexes(rows: readonly IndexColumnRow[]): UnkeptIndex[] {
    return groupBy(rows, byIndex)
        .filter((parts) => parts.some((part) => part.order === "D"))
        .map((parts) => ({
            schema: "",
            table: String(parts[0].table),
            name: String(parts[0].name),
            definition: parts.map((part) => `${quoteIdentifier(String(part.column))}${part.order === "D" ? " DESC" : ""}`).join(", "),
            why: "descending key parts are not kept on MySQL/MariaDB yet",
        }));
}

function asDeclaredJson<C extends Column>(column: C, json: ReadonlySet<string>): C {
    if (column.type !== "longtext" || !json.has(memberKey(column))) return column;
    return { ...column, type: "json", charset: null, collation: null };
}

async function isMariadb(query: Query): Promise<boolean> {
    const [{ version }] = await query<{ version: string }>("SELECT VERSION() AS version");
    return /mariadb/i.test(String(version));
}

function toColumn(row: ColumnRow, table: TableRow, mariadb: boolean): Column & { actualCharset: string | null; actualCollation: string | null } {
    const extra = String(row.extra ?? "");
    const generatedType = /STORED GENERATED/i.test(extra) ? "STORED" : /VIRTUAL GENERATED/i.test(extra) ? "VIRTUAL" : null;
    const charset = row.charset === null ? null : String(row.charset);
    const collation = row.collation === null ? null : String(row.collation);
    const ownCharset = charset !== null && charset !== table.charset;
    const ownCollation = collation !== null && (ownCharset ? row.defaultCollation !== "Yes" : collation !== table.collation);
    return {
        schema: "",
        table: String(row.table),
        name: String(row.name),
        ...columnType(String(row.type), String(row.dataType)),
        nullable: row.nullable === "YES",
        default: generatedType !== null ? null : typeormDefault(row.default === null ? null : String(row.default), extra, mariadb),
        generated: /auto_increment/i.test(extra) ? "increment" : null,
        identity: null,
        asExpression: generatedType !== null ? String(row.expression) : null,
        generatedType,
        enumName: null,
        array: false,
        comment: row.comment ? String(row.comment) : null,
        collation: ownCollation ? collation : null,
        charset: ownCharset ? charset : null,
        onUpdate: onUpdateOf(extra),
        spatialFeatureType: null,
        srid: null,
        primary: row.key === "PRI",
        actualCharset: charset,
        actualCollation: collation,
    };
}

/** The rows of each index, in catalog order. */
function groupBy<R extends IndexColumnRow | ForeignKeyRow>(rows: readonly R[], key: (row: R) => string): R[][] {
    return [...groupedBy(rows, key).values()].map((group) => [...group]);
}

const byIndex = (row: IndexColumnRow | ForeignKeyRow) => memberKey({ schema: "", table: String(row.table), name: String(row.name) });

function primaryKeys(ctx: IntrospectContext, rows: readonly IndexColumnRow[]) {
    return groupBy(
        rows.filter((row) => row.name === "PRIMARY"),
        byIndex,
    ).map((parts) => {
        const columns = parts.map((p) => String(p.column));
        const table = String(parts[0].table);
        return { schema: "", table, name: ctx.dataSource.namingStrategy.primaryKeyName(table, columns), columns };
    });
}

/**
 * Indexes besides the primary key, without the ones InnoDB made for a foreign key (named after the
 * constraint, over its columns), which the model does not hold.
 */
function indexes(rows: readonly IndexColumnRow[], foreignKeys: readonly ForeignKey[]): Index[] {
    return groupBy(
        rows.filter((row) => row.name !== "PRIMARY"),
        byIndex,
    )
        .map((parts): Index => ({
            schema: "",
            table: String(parts[0].table),
            name: String(parts[0].name),
            columns: parts.map((p) => String(p.column)),
            unique: Number(parts[0].nonUnique) === 0,
            where: null,
            type: null,
            spatial: parts[0].type === "SPATIAL",
            fulltext: parts[0].type === "FULLTEXT",
            parser: null,
            concurrent: false,
            nullFiltered: false,
            ...prefixLengths(parts),
        }))
        .filter((index) => !foreignKeys.some((fk) => fk.table === index.table && fk.name === index.name && deepEqual(fk.columns, index.columns)));
}

/**
 * `lengths` where a column is indexed by its first characters only (`name(191)`); absent otherwise.
 * MariaDB gives every part of a SPATIAL index a SUB_PART of 32, which is not written.
 */
function prefixLengths(parts: readonly IndexColumnRow[]): Pick<Index, "lengths"> {
    if (parts[0].type === "SPATIAL") return {};
    const lengths = parts.map((p) => (p.subPart === null ? null : Number(p.subPart)));
    return lengths.every((length) => length === null) ? {} : { lengths };
}

const ACTIONS: readonly string[] = ["CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION"];

function toForeignKeys(rows: readonly ForeignKeyRow[]): ForeignKey[] {
    const action = (value: unknown, name: string): ReferentialAction => {
        const text = String(value).toUpperCase();
        if (!ACTIONS.includes(text)) throw new IntrospectionError(`foreign key ${name} has an unknown referential action ${text}`);
        return text as ReferentialAction;
    };
    return groupBy(rows, byIndex).map((parts) => ({
        schema: "",
        table: String(parts[0].table),
        name: String(parts[0].name),
        columns: parts.map((p) => String(p.column)),
        referencedSchema: "",
        referencedTable: String(parts[0].referencedTable),
        referencedColumns: parts.map((p) => String(p.referencedColumn)),
        onDelete: action(parts[0].onDelete, String(parts[0].name)),
        onUpdate: action(parts[0].onUpdate, String(parts[0].name)),
        deferrable: null,
    }));
}

/**
 * The server keeps a view's query with every table qualified by its database (`from `db`.`t``);
 * the model has no database, and a view built from it elsewhere must read its own database's tables.
 */
function toView(row: ViewRow): View {
    const expression = String(row.definition).replaceAll(`${quoteIdentifier(String(row.database))}.`, "");
    return { schema: "", name: String(row.name), expression, materialized: false, dependsOn: [] };
}

/** An engine the entity names explicitly reads as named, even when it is the server's default. */
function withEngines(schema: Schema, reference: Schema | undefined, rows: readonly TableRow[]): Schema {
    if (reference === undefined) return schema;
    const actual = new Map(rows.map((row) => [String(row.table), String(row.engine ?? "")]));
    return {
        ...schema,
        tables: schema.tables.map((table) => {
            const declared = reference.tables.find((t) => t.table === table.table)?.engine ?? null;
            return declared !== null && declared.toLowerCase() === actual.get(table.table)?.toLowerCase() ? { ...table, engine: declared } : table;
        }),
    };
}

/** On MySQL TypeORM records the database's name in `schema`; the model has none. */
async function readMetadataRows(query: Query): Promise<MetadataRow[]> {
    const [exists] = await query(`SELECT 1 AS yes FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?`, [TYPEORM_METADATA_TABLE]);
    if (exists === undefined) return [];
    const rows = await query<TypeormMetadataTableRow>(`SELECT \`type\`, \`table\`, \`name\`, \`value\` FROM \`${TYPEORM_METADATA_TABLE}\``);
    return toMetadataRows(rows, false);
}
