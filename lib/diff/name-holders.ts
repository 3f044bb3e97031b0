import type { Schema, TableRef } from "../schema/model";
import { tableKey } from "../schema/keys";
import { dispatchOp, type ConstraintKind, type Op, type OpTable } from "./ops";

/** The kinds of schema objects that hold a name in the database. */
export type HolderKind = "table" | "view" | "enum" | "index" | ConstraintKind;

/**
 * One named object while a list of ops is followed. Mutable on purpose: a rename changes the
 * name of the same holder, a table rename moves the holders on it, so an op can be related to
 * the object it acts on whatever the object is called at the time.
 */
export interface Holder {
    readonly kind: HolderKind;
    schema: string;
    /** The table a member is on; `""` for tables, views and enum types. */
    table: string;
    name: string;
}

/**
 * The one rule of which names clash, the strictest of the three dialects', so it holds on each
 * without knowing which: two objects clash when they share a schema and a name in any letter
 * case, whatever their kind and table. PostgreSQL keeps tables, views, sequences, indexes and the
 * indexes behind primary keys, uniques and exclusions in one namespace per schema, and enum types
 * beside the row types of tables; MySQL keys foreign-key and check names per database and
 * compares index names without case; SQLite keeps tables, views and indexes in one namespace and
 * ignores case. Being stricter than a dialect only ever reorders ops that did not need it.
 */
export function nameSpaceKey(holder: Pick<Holder, "schema" | "name">): string {
    return `${holder.schema}\u0000${holder.name.toLowerCase()}`;
}

/** One holder's time with a name: from the op that gave it (-1: the start) until the op that took it away (null: never). */
export interface Tenure {
    readonly holder: Holder;
    readonly from: number;
    until: number | null;
}

/** What one op does to names: frees, takes, renames, and which objects it otherwise needs. */
export interface NameEffects {
    /** Objects the op drops. */
    readonly frees: readonly Holder[];
    /** Objects the op creates (new holders, not yet in the simulation). */
    readonly takes: readonly Holder[];
    /** Objects the op renames (the same holder, from `before` to `after`). */
    readonly renames: readonly { readonly holder: Holder; readonly before: string; readonly after: string }[];
    /** Objects the op reads: that must exist around it (its table, the enum type a column uses, the keys a foreign key stands on, views). */
    readonly uses: readonly Holder[];
}

/**
 * The named objects of a schema, and how each op changes them. `effectsOf` reads the objects
 * as they are just before the op; `apply` then follows it.
 */
export class NameHolders {
    private readonly tables = new Map<string, Holder>();
    private readonly views = new Map<string, Holder>();
    private readonly enums = new Map<string, Holder>();
    /** Members (indexes, constraints) by kind, table and name. */
    private readonly members = new Map<string, Holder>();
    /** Members by table, for the keys and indexes a foreign key stands on. */
    private readonly membersOn = new Map<string, Set<Holder>>();
    /** Who held each name when, by name space key: the record a list of ops is checked against. */
    private readonly byName = new Map<string, Tenure[]>();
    private readonly tenureOf = new Map<Holder, Tenure>();
    /** The op being followed (-1: the start). */
    private at = -1;
    private readonly describe: OpTable<NameEffects>;

    constructor(schema: Schema) {
        for (const t of schema.tables) this.insert({ kind: "table", schema: t.schema, table: "", name: t.table });
        for (const v of schema.views) this.insert({ kind: "view", schema: v.schema, table: "", name: v.name });
        for (const e of schema.enums) this.insert({ kind: "enum", schema: e.schema, table: "", name: e.name });
        const members: [HolderKind, readonly (TableRef & { name: string })[]][] = [
            ["index", schema.indexes],
            ["primaryKey", schema.primaryKeys],
            ["unique", schema.uniques],
            ["foreignKey", schema.foreignKeys],
            ["check", schema.checks],
            ["exclusion", schema.exclusions ?? []],
        ];
        for (const [kind, list] of members) for (const m of list) this.insert({ kind, schema: m.schema, table: m.table, name: m.name });
        this.describe = this.describers();
    }

    /** Everyone who held `holder`'s name at some time, with when, in the order they took it. */
    tenures(holder: Pick<Holder, "schema" | "name">): readonly Tenure[] {
        return this.byName.get(nameSpaceKey(holder)) ?? [];
    }

    effectsOf(op: Op): NameEffects {
        return dispatchOp(this.describe, op);
    }

    /** Follows `effects`, those of op `at` (just described). */
    apply(effects: NameEffects, at: number): void {
        this.at = at;
        for (const holder of effects.frees) this.remove(holder);
        for (const { holder, after } of effects.renames) {
            this.remove(holder);
            if (holder.kind === "table") this.moveMembers(holder, after);
            holder.name = after;
            this.insert(holder);
        }
        for (const holder of effects.takes) this.insert(holder);
    }

    private insert(holder: Holder): void {
        this.registry(holder).set(identity(holder), holder);
        if (holder.table !== "") {
            const on = this.membersOn.get(tableKey(holder)) ?? new Set<Holder>();
            on.add(holder);
            this.membersOn.set(tableKey(holder), on);
        }
        const key = nameSpaceKey(holder);
        const tenure: Tenure = { holder, from: this.at, until: null };
        this.tenureOf.set(holder, tenure);
        const tenures = this.byName.get(key);
        if (tenures) tenures.push(tenure);
        else this.byName.set(key, [tenure]);
    }

    private remove(holder: Holder): void {
        this.registry(holder).delete(identity(holder));
        if (holder.table !== "") this.membersOn.get(tableKey(holder))?.delete(holder);
        const tenure = this.tenureOf.get(holder);
        if (tenure) tenure.until = this.at;
        this.tenureOf.delete(holder);
    }

    private registry(holder: Holder): Map<string, Holder> {
        return holder.kind === "table" ? this.tables : holder.kind === "view" ? this.views : holder.kind === "enum" ? this.enums : this.members;
    }

    private moveMembers(table: Holder, newName: string): void {
        const on = [...(this.membersOn.get(tableKey({ schema: table.schema, table: table.name })) ?? [])];
        for (const member of on) this.remove(member);
        for (const member of on) {
            member.table = newName;
            this.insert(member);
        }
    }

    /** The keys and indexes on a table, which a foreign key from or to it may stand on. */
    private keysOn(ref: TableRef): Holder[] {
        return [...(this.membersOn.get(tableKey(ref)) ?? [])].filter((m) => m.kind === "primaryKey" || m.kind === "unique" || m.kind === "index");
    }

    /** The holder an op names, or a fresh one when the simulation does not know it (an op list that is invalid anyway). */
    private member(kind: HolderKind, ref: TableRef, name: string): Holder {
        return this.members.get(identity({ kind, schema: ref.schema, table: ref.table, name })) ?? { kind, schema: ref.schema, table: ref.table, name };
    }

    private table(ref: TableRef): Holder {
        return (
            this.tables.get(identity({ kind: "table", schema: ref.schema, table: "", name: ref.table })) ?? {
                kind: "table",
                schema: ref.schema,
                table: "",
                name: ref.table,
            }
        );
    }

    private enumType(schema: string, name: string): Holder {
        return this.enums.get(identity({ kind: "enum", schema, table: "", name })) ?? { kind: "enum", schema, table: "", name };
    }

    private view(schema: string, name: string): Holder {
        return this.views.get(identity({ kind: "view", schema, table: "", name })) ?? { kind: "view", schema, table: "", name };
    }

    private describers(): OpTable<NameEffects> {
        const none: NameEffects = { frees: [], takes: [], renames: [], uses: [] };
        const everything = (): NameEffects => ({ ...none, uses: [...this.tables.values(), ...this.views.values(), ...this.enums.values()] });
        const newMember = (kind: HolderKind, m: TableRef & { name: string }): Holder => ({ kind, schema: m.schema, table: m.table, name: m.name });
        const column = (c: TableRef & { enumName: string | null }) => [this.table(c), ...(c.enumName ? [this.enumType(c.schema, c.enumName)] : [])];
        const created = (kind: HolderKind, m: TableRef & { name: string }, uses: Holder[] = [this.table(m)]): NameEffects => ({
            ...none,
            takes: [newMember(kind, m)],
            uses,
        });
        const dropped = (kind: HolderKind, m: TableRef & { name: string }, uses: Holder[] = [this.table(m)]): NameEffects => ({
            ...none,
            frees: [this.member(kind, m, m.name)],
            uses,
        });
        const fkTables = (fk: { schema: string; table: string; referencedSchema: string; referencedTable: string }) => {
            const referenced = { schema: fk.referencedSchema, table: fk.referencedTable };
            return [this.table(fk), this.table(referenced), ...this.keysOn(fk), ...this.keysOn(referenced)];
        };
        // A view reads tables and views its SQL names; which ones is not worth guessing here.
        const viewUses = () => [...this.tables.values(), ...this.views.values()];
        return {
            createSchema: everything,
            dropSchema: everything,
            createExtension: everything,
            dropExtension: everything,
            createEnum: (op) => ({ ...none, takes: [{ kind: "enum", schema: op.enumType.schema, table: "", name: op.enumType.name }] }),
            dropEnum: (op) => ({ ...none, frees: [this.enumType(op.enumType.schema, op.enumType.name)] }),
            alterEnum: (op) => ({ ...none, uses: [this.enumType(op.before.schema, op.before.name)] }),
            createTable: ({ definition: d }) => ({
                ...none,
                takes: [
                    { kind: "table", schema: d.table.schema, table: "", name: d.table.table },
                    ...(d.primaryKey ? [newMember("primaryKey", d.primaryKey)] : []),
                    ...d.uniques.map((u) => newMember("unique", u)),
                    ...d.checks.map((c) => newMember("check", c)),
                ],
                uses: d.columns.flatMap((c) => (c.enumName ? [this.enumType(c.schema, c.enumName)] : [])),
            }),
            dropTable: ({ definition: d }) => ({
                ...none,
                frees: [
                    this.table(d.table),
                    ...(d.primaryKey ? [this.member("primaryKey", d.primaryKey, d.primaryKey.name)] : []),
                    ...d.uniques.map((u) => this.member("unique", u, u.name)),
                    ...d.checks.map((c) => this.member("check", c, c.name)),
                ],
                uses: d.columns.flatMap((c) => (c.enumName ? [this.enumType(c.schema, c.enumName)] : [])),
            }),
            setTableComment: (op) => ({ ...none, uses: [this.table(op.before)] }),
            addColumn: (op) => ({ ...none, uses: column(op.column) }),
            dropColumn: (op) => ({ ...none, uses: column(op.column) }),
            alterColumn: (op) => ({ ...none, uses: [...column(op.before), ...column(op.after)] }),
            addPrimaryKey: (op) => created("primaryKey", op.primaryKey),
            dropPrimaryKey: (op) => dropped("primaryKey", op.primaryKey),
            createIndex: (op) => created("index", op.index),
            dropIndex: (op) => dropped("index", op.index),
            addUnique: (op) => created("unique", op.unique),
            dropUnique: (op) => dropped("unique", op.unique),
            addForeignKey: (op) => created("foreignKey", op.foreignKey, fkTables(op.foreignKey)),
            dropForeignKey: (op) => dropped("foreignKey", op.foreignKey, fkTables(op.foreignKey)),
            addCheck: (op) => created("check", op.check),
            dropCheck: (op) => dropped("check", op.check),
            addExclusion: (op) => created("exclusion", op.exclusion),
            dropExclusion: (op) => dropped("exclusion", op.exclusion),
            createView: (op) => ({ ...none, takes: [{ kind: "view", schema: op.view.schema, table: "", name: op.view.name }], uses: viewUses() }),
            dropView: (op) => ({ ...none, frees: [this.view(op.view.schema, op.view.name)], uses: viewUses() }),
            insertMetadataRow: () => none,
            deleteMetadataRow: () => none,
            renameTable: (op) => ({ ...none, renames: [{ holder: this.table(op.before), before: op.before.table, after: op.after.table }] }),
            renameColumn: (op) => ({ ...none, uses: column(op.before) }),
            renameIndex: (op) => ({
                ...none,
                renames: [{ holder: this.member("index", op.before, op.before.name), before: op.before.name, after: op.after.name }],
            }),
            renameConstraint: (op) => ({ ...none, renames: [{ holder: this.member(op.constraint, op.table, op.before), before: op.before, after: op.after }] }),
            renameEnum: (op) => ({
                ...none,
                renames: [{ holder: this.enumType(op.before.schema, op.before.name), before: op.before.name, after: op.after.name }],
            }),
        };
    }
}

/**
 * The names `op` gives objects (creates, rename targets), as name space keys: cheap to list, so
 * that a list in which no name can clash (none taken twice, none held at the start) skips the
 * simulation.
 */
export const namesGiven: OpTable<readonly string[]> = (() => {
    const none = (): readonly string[] => [];
    const one = (entry: { schema: string; name: string }) => [nameSpaceKey(entry)];
    return {
        createSchema: none,
        dropSchema: none,
        createExtension: none,
        dropExtension: none,
        createEnum: (op) => one(op.enumType),
        dropEnum: none,
        alterEnum: none,
        createTable: ({ definition: d }) => [
            nameSpaceKey({ schema: d.table.schema, name: d.table.table }),
            ...(d.primaryKey ? one(d.primaryKey) : []),
            ...d.uniques.map(nameSpaceKey),
            ...d.checks.map(nameSpaceKey),
        ],
        dropTable: none,
        setTableComment: none,
        addColumn: none,
        dropColumn: none,
        alterColumn: none,
        addPrimaryKey: (op) => one(op.primaryKey),
        dropPrimaryKey: none,
        createIndex: (op) => one(op.index),
        dropIndex: none,
        addUnique: (op) => one(op.unique),
        dropUnique: none,
        addForeignKey: (op) => one(op.foreignKey),
        dropForeignKey: none,
        addCheck: (op) => one(op.check),
        dropCheck: none,
        addExclusion: (op) => one(op.exclusion),
        dropExclusion: none,
        createView: (op) => one(op.view),
        dropView: none,
        insertMetadataRow: none,
        deleteMetadataRow: none,
        renameTable: (op) => [nameSpaceKey({ schema: op.after.schema, name: op.after.table })],
        renameColumn: none,
        renameIndex: (op) => one(op.after),
        renameConstraint: (op) => [nameSpaceKey({ schema: op.table.schema, name: op.after })],
        renameEnum: (op) => one(op.after),
    };
})();

/** Every name space key of the objects of `schema`. */
export function namesHeldIn(schema: Schema): Set<string> {
    const keys = new Set<string>();
    for (const t of schema.tables) keys.add(nameSpaceKey({ schema: t.schema, name: t.table }));
    for (const list of [
        schema.views,
        schema.enums,
        schema.indexes,
        schema.primaryKeys,
        schema.uniques,
        schema.foreignKeys,
        schema.checks,
        schema.exclusions ?? [],
    ]) {
        for (const entry of list) keys.add(nameSpaceKey(entry));
    }
    return keys;
}

function identity(holder: Pick<Holder, "kind" | "schema" | "table" | "name">): string {
    return `${holder.kind}\u0000${tableKey(holder)}\u0000${holder.name}`;
}
