import fc from "fast-check";
import { canonicalize } from "../../lib/schema/canonical";
import type { Check, Column, EnumType, ForeignKey, Index, PrimaryKey, Schema, Unique, View } from "../../lib/schema/model";
import { emptySchema } from "../../lib/schema/model";
import * as model from "./model-builders";

// Pairs of schemas whose named objects (indexes, primary keys, uniques, checks, foreign keys,
// enum types, views, one table) draw their names from one small pool, so that between the two a
// name moves from one object to another, two objects swap names, and an object keeps its
// definition under a new name (the differ renames it). Within each schema every name is unique
// in any letter case, the strictest rule of the three dialects.

/** More names than objects (14 slots, 3 primary keys, a table), one of them in upper case. */
const namePool = [
    "n_one",
    "n_two",
    "n_three",
    "N_FOUR",
    "n_five",
    "n_six",
    "n_seven",
    "n_eight",
    "n_nine",
    "n_ten",
    "n_eleven",
    "n_twelve",
    "n_13",
    "n_14",
    "n_15",
    "n_16",
    "n_17",
    "n_18",
    "n_19",
];

type Slot =
    | { readonly kind: "index"; readonly table: string; readonly columns: readonly string[]; readonly unique: boolean }
    | { readonly kind: "unique"; readonly table: string; readonly columns: readonly string[] }
    | { readonly kind: "check"; readonly table: string; readonly expression: string }
    | { readonly kind: "foreignKey"; readonly table: string; readonly column: string; readonly references: string }
    | { readonly kind: "enum"; readonly values: readonly string[] }
    | { readonly kind: "view"; readonly expression: string };

/** Every object a schema may have besides the tables' primary keys, each a fixed definition. */
const slots: readonly Slot[] = [
    { kind: "index", table: "alpha", columns: ["x"], unique: false },
    { kind: "index", table: "alpha", columns: ["y"], unique: true },
    { kind: "index", table: "beta", columns: ["x"], unique: false },
    { kind: "index", table: "beta", columns: ["x", "y"], unique: false },
    { kind: "index", table: "gamma", columns: ["x"], unique: false },
    { kind: "unique", table: "alpha", columns: ["x", "y"] },
    { kind: "unique", table: "beta", columns: ["y"] },
    { kind: "unique", table: "gamma", columns: ["y"] },
    { kind: "check", table: "alpha", expression: `"x" > 0` },
    { kind: "check", table: "gamma", expression: `"y" > 0` },
    { kind: "foreignKey", table: "beta", column: "alphaId", references: "alpha" },
    { kind: "foreignKey", table: "gamma", column: "alphaId", references: "alpha" },
    { kind: "enum", values: ["a", "b"] },
    { kind: "view", expression: `SELECT 1 AS "one"` },
];

const stateArbitrary = fc.record({
    /** Whether table gamma exists; the slots on it go with it. */
    gamma: fc.boolean(),
    /** gamma may carry a name of the pool instead of its own. */
    gammaName: fc.option(fc.constantFrom(...namePool), { nil: null }),
    present: fc.subarray(slots.map((_, i) => i)),
    /** Names in the order they are handed out: slots first, then the primary keys of alpha, beta, gamma. */
    names: fc.shuffledSubarray(namePool, { minLength: namePool.length, maxLength: namePool.length }),
});

export const nameReusePairArbitrary: fc.Arbitrary<{ from: Schema; to: Schema }> = fc
    .tuple(stateArbitrary, stateArbitrary)
    .map(([a, b]) => ({ from: buildState(a), to: buildState(b) }));

type State = typeof stateArbitrary extends fc.Arbitrary<infer T> ? T : never;

function buildState(state: State): Schema {
    const names = state.names.filter((n) => n !== state.gammaName);
    const gamma = state.gamma ? (state.gammaName ?? "gamma") : null;
    const tableName = (t: string) => (t === "gamma" ? gamma : t);
    const tables = ["alpha", "beta", ...(gamma ? [gamma] : [])];
    const out = {
        tables: tables.map((table) => model.table({ schema: "public", table })),
        columns: tables.flatMap((table) => ["id", "x", "y", ...(table === "alpha" ? [] : ["alphaId"])].map((name) => column(table, name))),
        primaryKeys: [] as PrimaryKey[],
        indexes: [] as Index[],
        uniques: [] as Unique[],
        checks: [] as Check[],
        foreignKeys: [] as ForeignKey[],
        enums: [] as EnumType[],
        views: [] as View[],
    };
    let next = 0;
    const take = () => names[next++];
    for (const slot of state.present.map((i) => slots[i])) {
        const table = "table" in slot ? tableName(slot.table) : "";
        if (table === null) continue;
        const name = take();
        if (slot.kind === "index") out.indexes.push(model.index({ schema: "public", table, name, columns: slot.columns, unique: slot.unique }));
        if (slot.kind === "unique") out.uniques.push({ schema: "public", table, name, columns: slot.columns, deferrable: null });
        if (slot.kind === "check") out.checks.push({ schema: "public", table, name, expression: slot.expression });
        if (slot.kind === "foreignKey") {
            out.foreignKeys.push({
                schema: "public",
                table,
                name,
                columns: [slot.column],
                referencedSchema: "public",
                referencedTable: slot.references,
                referencedColumns: ["id"],
                onDelete: "NO ACTION",
                onUpdate: "NO ACTION",
                deferrable: null,
            });
        }
        if (slot.kind === "enum") out.enums.push({ schema: "public", name, values: slot.values });
        if (slot.kind === "view") out.views.push({ schema: "public", name, expression: slot.expression, materialized: false, dependsOn: [] });
    }
    for (const table of tables) out.primaryKeys.push({ schema: "public", table, name: take(), columns: ["id"] });
    return canonicalize({ ...emptySchema("postgres", "public", "1.1.1"), ...out });
}

function column(table: string, name: string): Column {
    return model.column({
        schema: "public",
        table,
        name,
        type: "integer",
        nullable: name === "alphaId",
        generated: name === "id" ? "increment" : null,
        primary: name === "id",
    });
}

/** Every name a schema's objects hold, as `schema / name in lower case`, with who holds it. */
export function namesHeld(schema: Schema): Map<string, string[]> {
    const held = new Map<string, string[]>();
    const hold = (s: string, name: string, who: string) => {
        const key = `${s} / ${name.toLowerCase()}`;
        held.set(key, [...(held.get(key) ?? []), who]);
    };
    for (const t of schema.tables) hold(t.schema, t.table, `table ${t.table}`);
    for (const v of schema.views) hold(v.schema, v.name, `view ${v.name}`);
    for (const e of schema.enums) hold(e.schema, e.name, `enum ${e.name}`);
    const members = {
        index: schema.indexes,
        "primary key": schema.primaryKeys,
        unique: schema.uniques,
        check: schema.checks,
        "foreign key": schema.foreignKeys,
        exclusion: schema.exclusions,
    };
    for (const [kind, list] of Object.entries(members)) for (const m of list) hold(m.schema, m.name, `${kind} ${m.name} on ${m.table}`);
    return held;
}

/** Names two objects of `schema` hold at once, e.g. `public / n_one: index n_one on alpha, unique n_one on beta`. */
export function clashes(schema: Schema): string[] {
    return [...namesHeld(schema)].filter(([, who]) => who.length > 1).map(([key, who]) => `${key}: ${who.join(", ")}`);
}
