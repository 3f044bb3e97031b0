import type { Column, ForeignKey, Index, MetadataRow, PrimaryKey, Schema, Table, View } from "../../../schema/model";
import { SCHEMA_FORMAT_VERSION } from "../../../schema/model";
import { typeormVersion } from "../../../typeorm";
import { TYPEORM_METADATA_TABLE, toMetadataRows, type TypeormMetadataTableRow } from "../../../catalog/bookkeeping-tables";
import type { IntrospectContext } from "../../../catalog/introspect-context";
import type { Query } from "../../../catalog/query";
import { adoptNames } from "../../../catalog/names";
import { columnType } from "./column-type";
import { parseCreateIndex, viewQuery } from "./parse-create-index";
import { parseCreateTable, type ParsedColumn, type ParsedTable } from "./parse-create-table";
import { mentions } from "../../../diff/mentions";

/** An object of sqlite_master with the statement that made it. */
interface MasterRow {
    /** `table`, `index`, `view` or `trigger`. */
    readonly type: string;
    readonly name: string;
    readonly table: string;
    readonly sql: string;
}

/**
 * Reads a SQLite database from sqlite_master, whose CREATE statements SQLite keeps as written:
 * defaults, CHECKs, computed columns, predicates and views come back in the entity's spelling.
 * What SQLite does not keep is a primary key's name (named by the data source's naming strategy,
 * or the reference's); AUTOINCREMENT marks an increment column.
 */
export async function readSqlite(ctx: IntrospectContext): Promise<Schema> {
    const objects = await ctx.query<MasterRow>(`select type, name, tbl_name as "table", sql from sqlite_master where sql is not null order by name`);
    const own = (row: MasterRow) => !String(row.name).startsWith("sqlite_") && !ctx.bookkeeping.has(String(row.table));
    const tables = objects
        .filter((row) => row.type === "table" && own(row))
        .map((row) => ({ name: String(row.name), parsed: parseCreateTable(String(row.sql)) }));
    const metadataRows = await readMetadataRows(ctx.query, objects);
    const views = objects.filter((row) => row.type === "view" && own(row)).map((row) => toView(row, metadataRows));
    const viewNames = views.map((v) => v.name);
    const indexRows = objects.filter((row) => row.type === "index" && own(row) && tables.some((t) => t.name === row.table));
    const read: Schema = {
        version: SCHEMA_FORMAT_VERSION,
        dialect: "sqlite",
        typeormVersion: typeormVersion(),
        defaultSchema: "",
        schemas: [],
        extensions: [],
        enums: [],
        tables: tables.map(({ name, parsed }): Table => ({ schema: "", table: name, comment: null, engine: null, withoutRowid: parsed.withoutRowid })),
        columns: tables.flatMap(({ name, parsed }) => parsed.columns.map((column) => toColumn(name, column, parsed))),
        primaryKeys: tables.flatMap(({ name, parsed }) => primaryKeyOf(ctx, name, parsed)),
        indexes: indexRows.map(toIndex),
        uniques: tables.flatMap(({ name, parsed }) =>
            parsed.uniques.map((u) => ({
                schema: "",
                table: name,
                name: u.name ?? ctx.dataSource.namingStrategy.uniqueConstraintName(name, u.columns),
                columns: u.columns,
                deferrable: null,
            })),
        ),
        foreignKeys: tables.flatMap(({ name, parsed }) =>
            parsed.foreignKeys.map((fk): ForeignKey => ({
                schema: "",
                table: name,
                ...fk,
                referencedSchema: "",
                name: fk.name ?? ctx.dataSource.namingStrategy.foreignKeyName(name, fk.columns, fk.referencedTable, fk.referencedColumns),
            })),
        ),
        checks: tables.flatMap(({ name, parsed }) =>
            parsed.checks.map((c) => ({
                schema: "",
                table: name,
                name: c.name ?? ctx.dataSource.namingStrategy.checkConstraintName(name, c.expression),
                expression: c.expression,
            })),
        ),
        exclusions: [],
        views: views.map((view) => ({ ...view, dependsOn: viewNames.filter((other) => other !== view.name && mentions(view.expression, other)).sort() })),
        metadataRows,
    };
    return adoptNames(read, ctx.options.reference);
}

function toColumn(table: string, column: ParsedColumn, parsed: ParsedTable): Column {
    return {
        schema: "",
        table,
        name: column.name,
        ...columnType(column.type),
        nullable: !column.notNull,
        default: column.default,
        generated: column.autoincrement ? "increment" : null,
        identity: null,
        asExpression: column.asExpression,
        generatedType: column.generatedType,
        enum: column.enumValues,
        enumName: null,
        comment: null,
        collation: column.collation,
        charset: null,
        unsigned: false,
        onUpdate: null,
        spatialFeatureType: null,
        srid: null,
        primary: parsed.primaryKey?.includes(column.name) ?? false,
    };
}

/** SQLite keeps no primary key name: the data source's naming strategy names it (a reference's name is adopted in names.ts). */
function primaryKeyOf(ctx: IntrospectContext, table: string, parsed: ParsedTable): PrimaryKey[] {
    if (parsed.primaryKey === null) return [];
    return [{ schema: "", table, name: ctx.dataSource.namingStrategy.primaryKeyName(table, parsed.primaryKey), columns: parsed.primaryKey }];
}

/**
 * An index whose key list is more than column names (expressions, `COLLATE`, `DESC`) keeps that
 * list as written (`substr("code", 1, 5), "id" DESC`), and no columns.
 */
function toIndex(row: MasterRow): Index {
    const { unique, columns, where, keyList, plain } = parseCreateIndex(String(row.sql));
    return {
        schema: "",
        table: String(row.table),
        name: String(row.name),
        unique,
        columns,
        where,
        type: null,
        spatial: false,
        fulltext: false,
        parser: null,
        concurrent: false,
        nullFiltered: false,
        ...(plain ? {} : { expression: keyList }),
    };
}

/** The view's query as its CREATE VIEW has it; the typeorm_metadata row holds the same text for views TypeORM made. */
function toView(row: MasterRow, rows: readonly MetadataRow[]): Omit<View, "dependsOn"> {
    const expression = viewQuery(String(row.sql));
    const recorded = rows.find((r) => r.type === "VIEW" && r.name === row.name);
    return {
        schema: "",
        name: String(row.name),
        expression: recorded !== undefined && recorded.value.trim() === expression.trim() ? recorded.value : expression,
        materialized: false,
    };
}

async function readMetadataRows(query: Query, objects: readonly MasterRow[]): Promise<MetadataRow[]> {
    if (!objects.some((row) => row.type === "table" && row.name === TYPEORM_METADATA_TABLE)) return [];
    const rows = await query<TypeormMetadataTableRow>(`select "type", "schema", "table", "name", "value" from "${TYPEORM_METADATA_TABLE}"`);
    return toMetadataRows(rows, true);
}
