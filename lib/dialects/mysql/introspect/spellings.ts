import type { Column, Schema, View } from "../../../schema/model";
import { memberKey, metadataRowKey, namedKey } from "../../../schema/keys";
import { currentTimestamp } from "./defaults";

/**
 * The entity's spelling where MySQL keeps the same thing in its own words. Unlike PostgreSQL,
 * MySQL cannot be asked to rewrite an expression without creating a real object, so the
 * comparison is textual and deliberately narrow:
 * - a default: the same value once quotes are dropped (`0` and `'0'`: TypeORM writes a boolean's
 *   default bare and a number's quoted), or the same expression in another letter case;
 * - a computed column's expression and a view's query: the typeorm_metadata row's text (or the
 *   reference's) when it equals the server's text without backticks, spaces and letter case
 *   differences. The server expands a view's query (`select `db`.`t`.`id` AS `id` ...`), so a
 *   view with a metadata row reads as the row's text; a view changed by hand behind a row that
 *   stayed is not noticed.
 * - charset and collation: the reference's, when they are the column's own (the server reports
 *   both for every text column; the reader reports only those that differ from the table's).
 */
export function adoptMysqlSpellings(schema: Schema, reference: Schema | undefined): Schema {
    const declared = new Map((reference?.columns ?? []).map((c) => [memberKey(c), c]));
    const views = new Map((reference?.views ?? []).map((v) => [namedKey(v), v]));
    const rows = new Map(schema.metadataRows.map((r) => [metadataRowKey(r), r]));
    return {
        ...schema,
        columns: schema.columns.map((column) => {
            const row = rows.get(metadataRowKey({ type: "GENERATED_COLUMN", schema: "", table: column.table, name: column.name }));
            return withColumnSpellings(column, declared.get(memberKey(column)), row?.value);
        }),
        views: schema.views.map((view) =>
            withViewSpelling(view, rows.get(metadataRowKey({ type: "VIEW", schema: "", table: "", name: view.name }))?.value, views.get(namedKey(view))),
        ),
    };
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

function withViewSpelling(view: View, recorded: string | undefined, declared: View | undefined): View {
    // The view's typeorm_metadata row holds its text as the entity wrote it; MySQL keeps its own rewrite.
    if (recorded !== undefined) return { ...view, expression: recorded };
    if (declared !== undefined && looseExpression(declared.expression) === looseExpression(view.expression))
        return { ...view, expression: declared.expression };
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
