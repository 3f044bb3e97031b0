import type { Column, Schema, View } from "../../../schema/model";
import { memberKey, metadataRowKey, namedKey } from "../../../schema/keys";
import { currentTimestamp } from "./defaults";
import type { MysqlProbe } from "./probe";

/**
 * The entity's spelling where MySQL keeps the same thing in its own words:
 * - a default: the same value once quotes are dropped (`0` and `'0'`: TypeORM writes a boolean's
 *   default bare and a number's quoted), the same expression in another letter case, or an
 *   expression the server stores exactly as it stores the live one (asked of the server: MariaDB
 *   rewrites `('AA' || COALESCE(NULL, '1'))` as `('AA' or coalesce(NULL,'1'))`);
 * - a computed column's expression: the typeorm_metadata row's text (or the reference's) when it
 *   equals the server's text without backticks, spaces and letter case differences;
 * - a view's query: the typeorm_metadata row's text (or the reference's) when the server restates
 *   it as it restates the query it holds (information_schema.VIEWS); a view changed by hand
 *   behind a row that stayed reads as the server holds it;
 * - charset and collation: the reference's, when they are the column's own (the server reports
 *   both for every text column; the reader reports only those that differ from the table's).
 */
export async function adoptMysqlSpellings(
    schema: Schema,
    reference: Schema | undefined,
    probe: MysqlProbe,
    columnTypes: ReadonlyMap<string, string>,
): Promise<Schema> {
    const declared = new Map((reference?.columns ?? []).map((c) => [memberKey(c), c]));
    const views = new Map((reference?.views ?? []).map((v) => [namedKey(v), v]));
    const rows = new Map(schema.metadataRows.map((r) => [metadataRowKey(r), r]));
    const columns: Column[] = [];
    for (const column of schema.columns) {
        const row = rows.get(metadataRowKey({ type: "GENERATED_COLUMN", schema: "", table: column.table, name: column.name }));
        const spelled = withColumnSpellings(column, declared.get(memberKey(column)), row?.value);
        columns.push(await withProbedDefault(spelled, declared.get(memberKey(column)), probe, columnTypes.get(memberKey(column))));
    }
    const read: View[] = [];
    for (const view of schema.views) {
        const recorded = rows.get(metadataRowKey({ type: "VIEW", schema: "", table: "", name: view.name }))?.value;
        read.push(await withViewSpelling(view, [recorded, views.get(namedKey(view))?.expression], probe));
    }
    return { ...schema, columns, views: read };
}

type Actual = Column & { readonly actualCharset?: string | null; readonly actualCollation?: string | null };

function withColumnSpellings(column: Actual, declared: Column | undefined, recorded: string | undefined): Column {
    const { actualCharset, actualCollation, ...plain } = column;
    let result: Column = plain;
    if (result.asExpression !== null) {
        const spelled = [recorded, declared?.asExpression].find((c) => c != null && looseExpression(c) === looseExpression(result.asExpression as string));
        if (spelled != null) result = { ...result, asExpression: spelled };
    }
    if (declared === undefined) return result;
    if (result.default !== null && declared.default !== null && result.default !== declared.default && sameDefault(result.default, declared.default)) {
        result = { ...result, default: declared.default };
    }
    if (declared.onUpdate !== null && result.onUpdate !== null && sameDefault(result.onUpdate, declared.onUpdate)) {
        result = { ...result, onUpdate: declared.onUpdate };
    }
    if (declared.charset !== null && declared.charset === actualCharset) result = { ...result, charset: declared.charset };
    if (declared.collation !== null && declared.collation === actualCollation) result = { ...result, collation: declared.collation };
    return result;
}

/** The declared default, where the server keeps it as it keeps the live one. */
async function withProbedDefault(column: Column, declared: Column | undefined, probe: MysqlProbe, columnType: string | undefined): Promise<Column> {
    if (declared?.default == null || column.default === null || column.default === declared.default || columnType === undefined) return column;
    const live = await probe.storedDefault(column.table, column.name);
    if (live === null) return column;
    return (await probe.default(columnType, declared.default)) === live ? { ...column, default: declared.default } : column;
}

/**
 * The first candidate (the view's typeorm_metadata row, the reference's query) that is the query the
 * server holds: textually, or as the server restates both. Where the server cannot restate the
 * query it holds (a query it refuses to explain), the metadata row is trusted as before.
 */
async function withViewSpelling(view: View, candidates: readonly (string | undefined)[], probe: MysqlProbe): Promise<View> {
    const known = [...new Set(candidates.filter((c): c is string => c !== undefined))];
    const textual = known.find((candidate) => looseExpression(candidate) === looseExpression(view.expression));
    if (textual !== undefined) return { ...view, expression: textual };
    if (known.length === 0) return view;
    const held = await probe.restated(view.expression);
    if (held === null) return candidates[0] === undefined ? view : { ...view, expression: candidates[0] };
    for (const candidate of known) if ((await probe.restated(candidate)) === held) return { ...view, expression: candidate };
    return view;
}

function sameDefault(stored: string, declared: string): boolean {
    const bare = (text: string) => text.replace(/^'([\s\S]*)'$/, "$1");
    // `CURRENT_TIMESTAMP` and `current_timestamp()` are one default (TypeORM's two MySQL drivers write one each).
    const expression = (text: string) => currentTimestamp(text).toLowerCase();
    return bare(stored) === bare(declared) || expression(stored) === expression(declared);
}

function looseExpression(sql: string): string {
    return sql.replaceAll("`", "").replace(/\s+/g, "").toLowerCase();
}
