import { memberKey, namedKey, tableKey } from "../../../schema/keys";
import type { EnumType, MetadataRow, Schema, Table, View } from "../../../schema/model";
import { SCHEMA_FORMAT_VERSION } from "../../../schema/model";
import { typeormVersion } from "../../../typeorm";
import { quoteIdentifier } from "../quote";
import { TYPEORM_METADATA_TABLE, toMetadataRows, type TypeormMetadataTableRow } from "../../../catalog/bookkeeping-tables";
import { refuseUnkeptIndexes } from "../../../catalog/expression-indexes";
import { toIndex, unkeptIndex } from "./indexes";
import type { IntrospectContext } from "../../../catalog/introspect-context";
import type { Query } from "../../../catalog/query";
import {
    COLUMNS_SQL,
    CONSTRAINTS_SQL,
    ENUMS_SQL,
    EXTENSIONS_SQL,
    INDEXES_SQL,
    SCHEMAS_SQL,
    TABLES_SQL,
    VIEWS_SQL,
    type ColumnRow,
    type ConstraintRow,
    type EnumRow,
    type ExtensionRow,
    type IndexRow,
    type SchemaRow,
    type TableRow,
    type ViewRow,
} from "./catalog-sql";
import { toColumn } from "./columns";
import { toConstraints } from "./constraints";
import { PostgresProbe } from "./probe";
import { adoptSpellings } from "./spellings";
import { cutLongNames, restoreLongNames } from "./long-names";
import { keyedBy } from "../../../schema/keyed";

/**
 * Reads a PostgreSQL database: every schema but the system ones, without the objects extensions
 * own and without the bookkeeping tables in the default schema. Runs in a transaction that is
 * rolled back (the spelling probes create temporary objects in it).
 */
export async function readPostgres(ctx: IntrospectContext): Promise<Schema> {
    const { query } = ctx;
    const defaultSchema = await defaultSchemaOf(ctx);
    const wanted = ctx.options.schemas === undefined ? null : new Set(ctx.options.schemas);
    const schemas = (await query<SchemaRow>(SCHEMAS_SQL)).map((row) => String(row.name)).filter((name) => wanted?.has(name) ?? true);
    const inScope = async <R extends object>(sql: string) => query<R>(sql, [schemas]);
    const own = (row: TableRow) => !(row.schema === defaultSchema && ctx.bookkeeping.has(String(row.table)));

    const enums: EnumType[] = (await inScope<EnumRow>(ENUMS_SQL)).map((row) => ({
        schema: String(row.schema),
        name: String(row.name),
        values: [...row.labels],
    }));
    const tableRows = (await inScope<TableRow>(TABLES_SQL)).filter(own);
    // Members of the tables kept: not those of bookkeeping tables nor of extensions' tables.
    const kept = new Set(tableRows.map((row) => tableKey({ schema: row.schema, table: row.table })));
    const ofKept = (row: { readonly schema: string; readonly table: string }) => kept.has(tableKey({ schema: row.schema, table: row.table }));
    const constraintRows = (await inScope<ConstraintRow>(CONSTRAINTS_SQL)).filter(ofKept);
    const viewRows = await inScope<ViewRow>(VIEWS_SQL);
    // A materialized view's indexes are the view's (TypeORM indexes those); a plain view has none.
    const materialized = new Set(viewRows.filter((row) => row.materialized).map((row) => tableKey({ schema: row.schema, table: row.name })));
    const indexRows = (await inScope<IndexRow>(INDEXES_SQL)).filter((row) => ofKept(row) || materialized.has(tableKey(row)));
    refuseUnkeptIndexes(ctx, indexRows.flatMap(unkeptIndex));
    const columnRows = (await inScope<ColumnRow>(COLUMNS_SQL)).filter(ofKept);
    const constraints = toConstraints(constraintRows);
    const primaryColumns = new Set(constraints.primaryKeys.flatMap((pk) => pk.columns.map((name) => memberKey({ ...pk, name }))));
    const tables: Table[] = tableRows.map((row) => ({
        schema: String(row.schema),
        table: String(row.table),
        comment: row.comment ?? null,
        engine: null,
        withoutRowid: false,
    }));
    const views: View[] = viewRows.map(toView);
    const read: Schema = {
        version: SCHEMA_FORMAT_VERSION,
        dialect: "postgres",
        typeormVersion: typeormVersion(),
        defaultSchema,
        // As the metadata reader has it: the non-default schemas that hold a table or a view.
        schemas: [...new Set([...tables.map((t) => t.schema), ...views.map((v) => v.schema)])].filter((s) => s !== defaultSchema),
        extensions: (await query<ExtensionRow>(EXTENSIONS_SQL)).map((row) => String(row.name)),
        enums,
        tables,
        columns: columnRows.map((row) => toColumn(row, { enums, primaryColumns })),
        ...constraints,
        indexes: indexRows.map(toIndex),
        views,
        metadataRows: await metadataRows(query, defaultSchema),
    };
    const stored = {
        columns: keyedBy(columnRows, (row) => memberKey({ schema: row.schema, table: row.table, name: row.name })),
        constraints: keyedBy(constraintRows, (row) => memberKey({ schema: row.schema, table: row.table, name: row.name })),
        indexes: keyedBy(indexRows, (row) => memberKey({ schema: row.schema, table: row.table, name: row.name })),
        views: keyedBy(viewRows, (row) => namedKey({ schema: row.schema, name: row.name })),
    };
    // Spellings are probed under the catalog's names, before long names are restored.
    const spelled = restoreLongNames(await adoptSpellings(read, stored, new PostgresProbe(query), cutLongNames(ctx.options.reference)), ctx.options.reference);
    return spelled;
}

async function defaultSchemaOf(ctx: IntrospectContext): Promise<string> {
    const configured = (ctx.dataSource.options as { schema?: string }).schema;
    if (configured !== undefined) return configured;
    const [row] = await ctx.query<{ name: string }>("select current_schema() as name");
    return String(row.name);
}

function toView(row: ViewRow): View {
    return {
        schema: String(row.schema),
        name: String(row.name),
        expression: viewExpression(String(row.definition)),
        materialized: row.materialized === true,
        dependsOn: [...row.dependsOn],
    };
}

/** pg_get_viewdef indents the query and ends it with a semicolon. */
function viewExpression(definition: string): string {
    return definition.trim().replace(/;$/, "");
}

async function metadataRows(query: Query, defaultSchema: string): Promise<MetadataRow[]> {
    const [exists] = await query(
        `select 1 as yes from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relname = $2 and c.relkind = 'r'`,
        [defaultSchema, TYPEORM_METADATA_TABLE],
    );
    if (exists === undefined) return [];
    const rows = await query<TypeormMetadataTableRow>(
        `select "type", "schema", "table", "name", "value" from ${quoteIdentifier(defaultSchema)}.${quoteIdentifier(TYPEORM_METADATA_TABLE)}`,
    );
    return toMetadataRows(rows, true);
}
