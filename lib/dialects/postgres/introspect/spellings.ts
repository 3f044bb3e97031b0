import type { Check, Column, Exclusion, Index, MetadataRow, Schema, View } from "../../../schema/model";
import { memberKey, metadataRowKey, namedKey } from "../../../schema/keys";
import type { ColumnRow, ConstraintRow, IndexRow, ViewRow } from "./catalog-sql";
import { exclusionExpression } from "./constraints";
import type { PostgresProbe } from "./probe";

/** What the catalog holds verbatim, keyed by memberKey / namedKey of the model entry. */
export interface StoredForms {
    readonly columns: ReadonlyMap<string, ColumnRow>;
    readonly constraints: ReadonlyMap<string, ConstraintRow>;
    readonly indexes: ReadonlyMap<string, IndexRow>;
    readonly views: ReadonlyMap<string, ViewRow>;
}

/**
 * Replaces the server's spelling of each expression (defaults, CHECKs, exclusions, partial index
 * predicates, computed columns, views) with the entity's, wherever the server stores the entity's
 * spelling exactly as it stores what the catalog holds. The entity's spellings come from the
 * typeorm_metadata rows (computed columns, views) and from the reference schema.
 */
export async function adoptSpellings(schema: Schema, stored: StoredForms, probe: PostgresProbe, reference: Schema | undefined): Promise<Schema> {
    const chooser = new SpellingChooser(probe, schema.metadataRows, reference);
    const columns: Column[] = [];
    for (const column of schema.columns) columns.push(await chooser.column(column, stored.columns.get(memberKey(column))));
    const checks: Check[] = [];
    for (const check of schema.checks) checks.push(await chooser.check(check, stored.constraints.get(memberKey(check))));
    const exclusions: Exclusion[] = [];
    for (const exclusion of schema.exclusions) exclusions.push(await chooser.exclusion(exclusion, stored.constraints.get(memberKey(exclusion))));
    const indexes: Index[] = [];
    for (const index of schema.indexes) indexes.push(await chooser.index(index, stored.indexes.get(memberKey(index))));
    const views: View[] = [];
    for (const view of schema.views) views.push(await chooser.view(view, stored.views.get(namedKey(view))));
    return { ...schema, columns, checks, exclusions, indexes, views };
}

class SpellingChooser {
    private readonly columns: ReadonlyMap<string, Column>;
    private readonly checks: ReadonlyMap<string, Check>;
    private readonly exclusions: ReadonlyMap<string, Exclusion>;
    private readonly indexes: ReadonlyMap<string, Index>;
    private readonly views: ReadonlyMap<string, View>;
    private readonly rows: ReadonlyMap<string, MetadataRow>;

    constructor(
        private readonly probe: PostgresProbe,
        metadataRows: readonly MetadataRow[],
        reference: Schema | undefined,
    ) {
        this.columns = new Map((reference?.columns ?? []).map((c) => [memberKey(c), c]));
        this.checks = new Map((reference?.checks ?? []).map((c) => [memberKey(c), c]));
        this.exclusions = new Map((reference?.exclusions ?? []).map((x) => [memberKey(x), x]));
        this.indexes = new Map((reference?.indexes ?? []).map((i) => [memberKey(i), i]));
        this.views = new Map((reference?.views ?? []).map((v) => [namedKey(v), v]));
        this.rows = new Map(metadataRows.map((r) => [metadataRowKey(r), r]));
    }

    async column(column: Column, row: ColumnRow | undefined): Promise<Column> {
        if (row === undefined) return column;
        const declared = this.columns.get(memberKey(column));
        if (column.asExpression !== null) {
            const metadataRow = this.rows.get(metadataRowKey({ type: "GENERATED_COLUMN", schema: column.schema, table: column.table, name: column.name }));
            const asExpression = await choose(String(row.default), column.asExpression, [metadataRow?.value, declared?.asExpression], (candidate) =>
                this.probe.generation(column, column.name, String(row.columnTypeSql), candidate),
            );
            return { ...column, asExpression };
        }
        if (column.default === null || declared?.default == null) return column;
        const value = await choose(String(row.default), column.default, [declared.default], (candidate) => this.probe.default(column, column.name, candidate));
        return { ...column, default: value };
    }

    async check(check: Check, row: ConstraintRow | undefined): Promise<Check> {
        const declared = this.checks.get(memberKey(check));
        if (row === undefined || declared === undefined) return check;
        const expression = await choose(String(row.definition), check.expression, [declared.expression], (candidate) => this.probe.check(check, candidate));
        return { ...check, expression };
    }

    async exclusion(exclusion: Exclusion, row: ConstraintRow | undefined): Promise<Exclusion> {
        const declared = this.exclusions.get(memberKey(exclusion));
        if (row === undefined || declared === undefined) return exclusion;
        const expression = await choose(exclusion.expression, exclusion.expression, [declared.expression], async (candidate) => {
            const definition = await this.probe.exclusion(exclusion, candidate);
            return definition === null ? null : exclusionExpression(definition);
        });
        return { ...exclusion, expression };
    }

    async index(index: Index, row: IndexRow | undefined): Promise<Index> {
        const declared = this.indexes.get(memberKey(index));
        if (row === undefined || index.where === null || declared?.where == null || index.columns.length === 0) return index;
        const where = await choose(String(row.where), index.where, [declared.where], (candidate) => this.probe.predicate(index, index.columns[0], candidate));
        return { ...index, where };
    }

    async view(view: View, row: ViewRow | undefined): Promise<View> {
        if (row === undefined) return view;
        const metadataRow = this.rows.get(
            metadataRowKey({ type: view.materialized ? "MATERIALIZED_VIEW" : "VIEW", schema: view.schema, table: "", name: view.name }),
        );
        const expression = await choose(
            String(row.definition),
            view.expression,
            [metadataRow?.value, this.views.get(namedKey(view))?.expression],
            (candidate) => this.probe.view(candidate),
        );
        return { ...view, expression };
    }
}

/**
 * The first candidate the server stores exactly as `stored`; `fallback` (the catalog's own
 * spelling, normalized) when none is.
 */
async function choose(
    stored: string,
    fallback: string,
    candidates: readonly (string | null | undefined)[],
    storedFormOf: (candidate: string) => Promise<string | null>,
): Promise<string> {
    for (const candidate of new Set(candidates)) {
        if (candidate === null || candidate === undefined) continue;
        if (candidate === fallback || (await storedFormOf(candidate)) === stored) return candidate;
    }
    return fallback;
}
