import { getMetadataArgsStorage } from "typeorm";
import { typeormMajor } from "./version";

type Target = object | string;
type Targets = Target | readonly Target[];
interface Targeted {
    readonly target: Target;
}

/**
 * Runs `work` (a TypeORM metadata build) with MetadataArgsStorage's lookups by target indexed.
 * TypeORM scans every decorator's arguments once per entity: quadratic, 0.4 s at 1,000 entities
 * and about two minutes at 10,000. Each lookup here returns the same items in the same order,
 * from a per-array index of target → positions, and TypeORM's own method does the rest.
 */
export async function withIndexedMetadataArgs<T>(work: () => Promise<T>): Promise<T> {
    typeormMajor();
    if (depth++ === 0) install();
    try {
        return await work();
    } finally {
        if (--depth === 0) uninstall();
    }
}

let depth = 0;
type Method = (...args: unknown[]) => unknown;
// The class of the storage TypeORM's decorators fill (a global, shared by every copy that is loaded).
let proto: Record<string, Method> = {};
const saved = new Map<string, Method>();

// 0.3 and 1.x answer these lookups alike; `filterForeignKeys` (the @ForeignKey decorator) is newer
// than some 0.3 releases, so a method the storage does not have is left alone.
/** Methods that take (array, target) and filter the array by target first. */
const arrayFilters = [
    "filterByTarget",
    "filterByTargetAndWithoutDuplicateProperties",
    "filterByTargetAndWithoutDuplicateRelationProperties",
    "filterByTargetAndWithoutDuplicateEmbeddedProperties",
];
/** Methods that take (target) and filter one of the storage's own arrays by it. */
const ownArrayFilters: Record<string, string> = {
    filterIndices: "indices",
    filterForeignKeys: "foreignKeys",
    filterUniques: "uniques",
    filterChecks: "checks",
    filterExclusions: "exclusions",
};

/** Methods that take (target, propertyName) and look in one of the storage's own arrays. */
const ownArrayFinds: Record<string, { readonly field: string; readonly many: boolean; readonly chains: boolean }> = {
    findGenerated: { field: "generations", many: false, chains: true },
    // These two compare the target with ===: an inheritance chain matches nothing.
    findJoinTable: { field: "joinTables", many: false, chains: false },
    filterJoinColumns: { field: "joinColumns", many: true, chains: false },
};

/** Methods that take (target) and find the first entry of one of the storage's own arrays for it (===). */
const ownArrayFirsts: Record<string, string> = {
    findInheritanceType: "inheritances",
    findDiscriminatorValue: "discriminatorValues",
};

function install(): void {
    proto = Object.getPrototypeOf(getMetadataArgsStorage()) as Record<string, Method>;
    const has = (name: string) => typeof proto[name] === "function";
    for (const [name, field] of Object.entries(ownArrayFirsts)) {
        if (!has(name)) continue;
        saved.set(name, proto[name]);
        proto[name] = function (this: Record<string, readonly Targeted[]>, target: unknown) {
            return Array.isArray(target) ? undefined : ofTargets(this[field], target as Target)[0];
        };
    }
    for (const [name, { field, many, chains }] of Object.entries(ownArrayFinds)) {
        if (!has(name)) continue;
        saved.set(name, proto[name]);
        proto[name] = function (this: Record<string, readonly (Targeted & { propertyName?: string })[]>, target: unknown, propertyName: unknown) {
            const candidates = Array.isArray(target) && !chains ? [] : ofTargets(this[field], target as Targets);
            return many ? candidates.filter((item) => item.propertyName === propertyName) : candidates.find((item) => item.propertyName === propertyName);
        };
    }
    for (const name of arrayFilters) {
        if (!has(name)) continue;
        const original = proto[name];
        saved.set(name, original);
        proto[name] = function (this: unknown, array: unknown, target: unknown) {
            return original.call(this, ofTargets(array as readonly Targeted[], target as Targets), target);
        };
    }
    for (const [name, field] of Object.entries(ownArrayFilters)) {
        if (!has(name)) continue;
        saved.set(name, proto[name]);
        proto[name] = function (this: Record<string, readonly Targeted[]>, target: unknown) {
            return ofTargets(this[field], target as Targets);
        };
    }
}

function uninstall(): void {
    for (const [name, original] of saved) proto[name] = original;
    saved.clear();
}

interface TargetIndex {
    readonly length: number;
    readonly positions: Map<Target, number[]>;
}

const indexes = new WeakMap<readonly Targeted[], TargetIndex>();

/** The items of `array` whose target is `targets` (or one of them), in array order. */
function ofTargets<T extends Targeted>(array: readonly T[], targets: Targets): T[] {
    let index = indexes.get(array);
    // Decorators push to these arrays while modules load; an index is only good for the length it saw.
    if (index === undefined || index.length !== array.length) {
        const positions = new Map<Target, number[]>();
        array.forEach((item, i) => {
            const list = positions.get(item.target);
            if (list) list.push(i);
            else positions.set(item.target, [i]);
        });
        index = { length: array.length, positions };
        indexes.set(array, index);
    }
    // A target listed twice (a class exported by its own module and again by an index module that
    // the entity glob also loads) still matches its items once, as TypeORM's own filter does.
    const distinct = !Array.isArray(targets) ? [targets] : targets.length > 1 ? new Set<Target>(targets) : targets;
    const found = [...distinct].flatMap((target: Target) => index.positions.get(target) ?? []);
    if (Array.isArray(targets) && targets.length > 1) found.sort((a, b) => a - b);
    return found.map((i) => array[i]);
}
