import type { Schema } from "../lib/index";
import { lib } from "./lib";

/**
 * `check --verbose`'s line-by-line difference of two schemas. Both sides are printed in one
 * canonical form (collections sorted, every object's keys sorted): a snapshot replayed from deltas
 * and the entities' schema often list a column's fields in another order, which is no difference.
 */
export function schemaPatch(fromLabel: string, from: Schema, toLabel: string, to: Schema): string {
    const { createTwoFilesPatch } = require("diff") as typeof import("diff");
    // The schema's own fields keep their order; below them, every object's keys are sorted.
    const text = (schema: Schema) => lib().serializeSchema(withKeysSorted(lib().canonicalize(schema), (keys) => keys));
    return createTwoFilesPatch(fromLabel, toLabel, text(from), text(to));
}

// What names an entry comes first, so that a line still starts with the object it describes.
const leading = ["schema", "table", "name"];

function sortedOrder(keys: readonly string[]): string[] {
    return [...leading.filter((key) => keys.includes(key)), ...keys.filter((key) => !leading.includes(key)).sort()];
}

/** `value` with the same contents, each object's keys in `order` (the top level's) and sorted below it. */
function withKeysSorted<T>(value: T, order: (keys: readonly string[]) => readonly string[] = sortedOrder): T {
    if (Array.isArray(value)) return value.map((item: unknown) => withKeysSorted(item)) as T;
    if (value === null || typeof value !== "object") return value;
    const entries = Object.entries(value);
    const byKey = new Map(entries);
    return Object.fromEntries(order(entries.map(([key]) => key)).map((key) => [key, withKeysSorted(byKey.get(key))])) as T;
}
