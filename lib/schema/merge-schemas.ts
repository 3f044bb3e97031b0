import { BadInputError } from "../errors";
import { canonicalize } from "./canonical";
import { deepEqual } from "./equal";
import { memberKey, metadataRowKey, namedKey, tableKey } from "./keys";
import type { Schema } from "./model";

/** Both branches changed one object differently; `objects` names each such object. */
export class MergeConflictError extends BadInputError {
    override readonly name = "MergeConflictError";
    constructor(readonly objects: readonly string[]) {
        super(
            `both branches changed ${objects.length === 1 ? "" : `${objects.length} objects, e.g. `}${objects.slice(0, 3).join("; ")} differently: change one branch so they agree, then merge`,
        );
    }
}

type Collections = Omit<Schema, "version" | "dialect" | "typeormVersion" | "defaultSchema" | "unmanagedIndexes">;
type CollectionName = keyof Collections;
type Entry<K extends CollectionName> = Collections[K][number];
/** A schema's collections, one list per name, to fill name by name. */
type Lists = { -readonly [K in CollectionName]: readonly Entry<K>[] };

interface Identity<K extends CollectionName> {
    readonly key: (entry: Entry<K>) => string;
    readonly describe: (entry: Entry<K>) => string;
}

/** How each collection's entries are identified and named in a conflict; exhaustive over the model. */
const identity: { readonly [K in CollectionName]: Identity<K> } = {
    schemas: { key: (s) => s, describe: (s) => `schema ${s}` },
    extensions: { key: (e) => e, describe: (e) => `extension ${e}` },
    enums: { key: namedKey, describe: (e) => `enum type ${qualified(e.schema, e.name)}` },
    tables: { key: tableKey, describe: (t) => `table ${qualified(t.schema, t.table)}` },
    columns: { key: memberKey, describe: (c) => `column ${qualified(c.schema, c.table)}.${c.name}` },
    primaryKeys: { key: memberKey, describe: (p) => `primary key ${p.name} on ${qualified(p.schema, p.table)}` },
    indexes: { key: memberKey, describe: (i) => `index ${i.name} on ${qualified(i.schema, i.table)}` },
    uniques: { key: memberKey, describe: (u) => `unique ${u.name} on ${qualified(u.schema, u.table)}` },
    foreignKeys: { key: memberKey, describe: (f) => `foreign key ${f.name} on ${qualified(f.schema, f.table)}` },
    checks: { key: memberKey, describe: (c) => `check ${c.name} on ${qualified(c.schema, c.table)}` },
    exclusions: { key: memberKey, describe: (x) => `exclusion ${x.name} on ${qualified(x.schema, x.table)}` },
    views: { key: namedKey, describe: (v) => `view ${qualified(v.schema, v.name)}` },
    metadataRows: { key: metadataRowKey, describe: (r) => `typeorm_metadata row ${r.type} ${r.name}` },
};

const collectionNames = Object.keys(identity) as CollectionName[];

/** The three schemas a merge compares. */
interface Branches {
    readonly ancestor: Schema;
    readonly ours: Schema;
    readonly theirs: Schema;
}

/**
 * The three-way merge of two branches' schemas against their common ancestor, object by object:
 * what one branch changed and the other left alone is taken; what both changed alike is taken once;
 * what both changed differently (or one changed and the other dropped) is a conflict.
 */
export function mergeSchemas(ancestor: Schema, ours: Schema, theirs: Schema): Schema {
    if (ours.dialect !== theirs.dialect || ours.defaultSchema !== theirs.defaultSchema) {
        throw new MergeConflictError([`the bind itself (${ours.dialect}/${ours.defaultSchema || "-"} vs ${theirs.dialect}/${theirs.defaultSchema || "-"})`]);
    }
    const conflicts: string[] = [];
    const merged: Lists = { ...ours };
    for (const name of collectionNames) mergeInto(merged, name, { ancestor, ours, theirs }, conflicts);
    if (conflicts.length > 0) throw new MergeConflictError(conflicts);
    const typeormVersion = ours.typeormVersion >= theirs.typeormVersion ? ours.typeormVersion : theirs.typeormVersion;
    return canonicalize({ ...ours, ...merged, typeormVersion });
}

/** Sets `lists[name]` to the merge of that collection; what conflicts goes to `conflicts`. */
function mergeInto<K extends CollectionName>(lists: Record<K, readonly Entry<K>[]>, name: K, branches: Branches, conflicts: string[]): void {
    const { key, describe }: Identity<K> = identity[name];
    const entries = (schema: Schema): readonly Entry<K>[] => schema[name] ?? [];
    const index = (schema: Schema) => new Map(entries(schema).map((entry) => [key(entry), entry]));
    const [base, mine, other] = [index(branches.ancestor), index(branches.ours), index(branches.theirs)];
    const result: Entry<K>[] = [];
    // Our order first, then what only their branch has, in theirs (columns keep a sensible order).
    const keys = [...new Set([...mine.keys(), ...other.keys(), ...base.keys()])];
    for (const k of keys) {
        const [b, o, t] = [base.get(k), mine.get(k), other.get(k)];
        let chosen: Entry<K> | undefined;
        if (deepEqual(o, t) || deepEqual(t, b)) chosen = o;
        else if (deepEqual(o, b)) chosen = t;
        else {
            conflicts.push(describe((o ?? t ?? b) as Entry<K>));
            continue;
        }
        if (chosen !== undefined) result.push(chosen);
    }
    lists[name] = result;
}

function qualified(schema: string, name: string): string {
    return schema === "" ? name : `${schema}.${name}`;
}
