import type { Column, Index, Schema, View } from "../schema/model";
import { memberKey, namedKey, tableKey } from "../schema/keys";
import { keyedBy } from "../schema/keyed";
import type { CatalogKeeps } from "../dialects/reading";

/**
 * Declarations a database does not keep, taken from the reference schema where the database holds
 * the same object (see IntrospectOptions.reference). Each is a normalization that cannot be undone
 * from the catalog alone:
 * - `onUpdate` where the catalog keeps none: TypeORM records `now()` for `@UpdateDateColumn` on
 *   every dialect, but only MySQL stores an ON UPDATE clause;
 * - `generated: "uuid"`: on PostgreSQL a uuid column whose default is the generator, on MySQL and
 *   SQLite a column whose values TypeORM makes in the application: nothing tells it from a plain
 *   column with the same default;
 * - a numeric `scale` of 0, which PostgreSQL keeps exactly as no scale;
 * - `generated: "increment"` or `"rowid"` where the two are one key (SQLite's INTEGER PRIMARY KEY
 *   without AUTOINCREMENT, an alias of the rowid either way), and a `rowid` or `identity` key on
 *   SQLite, which TypeORM writes as a plain INTEGER PRIMARY KEY (AUTOINCREMENT is `increment`'s);
 * - an index's `concurrent` (how it was built, not what it is);
 * - a view's `dependsOn` (an ordering hint of the entity; the server's own dependencies may be more);
 * - the white space around a view's query: `synchronize()` writes the entity's text as it is
 *   (`AS \n  SELECT ...`) but records it trimmed in typeorm_metadata and compares it trimmed, and
 *   SQLite keeps the statement without its trailing white space;
 * - comments where the database has nowhere to keep them (SQLite; TypeORM records the entity's anyway);
 * - a column's `unsigned` and an index's `fulltext` outside the MySQL family, where TypeORM writes
 *   neither (PostgreSQL has no unsigned types; a fulltext index is a plain one);
 * - column order: a migration appends the columns it adds, where the entity may declare them
 *   anywhere; columns of a table follow the reference's order, those it lacks last.
 */
export function adoptDeclarations(schema: Schema, reference: Schema | undefined, keeps: CatalogKeeps): Schema {
    if (reference === undefined) return schema;
    const columns = keyedBy(reference.columns, memberKey);
    const indexes = keyedBy(reference.indexes, memberKey);
    const views = keyedBy(reference.views, namedKey);
    const tables = keyedBy(reference.tables, tableKey);
    return {
        ...schema,
        tables: keeps.comments ? schema.tables : schema.tables.map((t) => ({ ...t, comment: tables.get(tableKey(t))?.comment ?? t.comment })),
        columns: inReferenceOrder(
            schema.columns.map((column) => withColumnDeclarations(column, columns.get(memberKey(column)), keeps)),
            reference.columns,
        ),
        indexes: schema.indexes.map((index) => withIndexDeclarations(index, indexes.get(memberKey(index)), keeps)),
        views: schema.views.map((view) => withViewDeclarations(view, views.get(namedKey(view)))),
    };
}

function withColumnDeclarations(column: Column, declared: Column | undefined, keeps: CatalogKeeps): Column {
    if (declared === undefined) return column;
    let result = column;
    if (!keeps.onUpdate) result = { ...result, onUpdate: declared.onUpdate };
    if (!keeps.comments) result = { ...result, comment: declared.comment };
    if (!keeps.unsigned) result = { ...result, unsigned: declared.unsigned };
    if (declared.generated === "uuid" && result.generated === null && result.default === declared.default && result.type === declared.type) {
        result = { ...result, generated: "uuid" };
    }
    if (declared.scale === 0 && result.scale === null && result.precision !== null && result.precision === declared.precision) {
        result = { ...result, scale: 0 };
    }
    const rowidAlias = (g: Column["generated"]) => g === "increment" || g === "rowid";
    if (!keeps.rowidStrategy && rowidAlias(declared.generated) && rowidAlias(result.generated)) {
        result = { ...result, generated: declared.generated };
    }
    const plainKey = declared.generated === "rowid" || declared.generated === "identity";
    if (!keeps.rowidStrategy && plainKey && result.generated === null && result.primary) {
        result = { ...result, generated: declared.generated, identity: declared.identity };
    }
    return result;
}

function withIndexDeclarations(index: Index, declared: Index | undefined, keeps: CatalogKeeps): Index {
    if (declared === undefined) return index;
    return { ...index, concurrent: declared.concurrent, ...(keeps.fulltext ? {} : { fulltext: declared.fulltext }) };
}

function withViewDeclarations(view: View, declared: View | undefined): View {
    if (declared === undefined || declared.expression.trim() !== view.expression.trim()) return view;
    return { ...view, expression: declared.expression, dependsOn: declared.dependsOn };
}

function inReferenceOrder(columns: readonly Column[], referenceColumns: readonly Column[]): Column[] {
    const position = new Map(referenceColumns.map((c, at) => [memberKey(c), at]));
    const rank = (c: Column) => position.get(memberKey(c)) ?? Number.MAX_SAFE_INTEGER;
    const firstOfTable = new Map<string, number>();
    columns.forEach((c, at) => {
        if (!firstOfTable.has(tableKey(c))) firstOfTable.set(tableKey(c), at);
    });
    return columns
        .map((column, at) => ({ column, at, table: firstOfTable.get(tableKey(column)) as number }))
        .sort((a, b) => a.table - b.table || rank(a.column) - rank(b.column) || a.at - b.at)
        .map(({ column }) => column);
}
