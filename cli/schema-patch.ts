import type { Schema } from "../lib/schema/model";
import { lib } from "./lib";

/**
 * `check --verbose`'s line-by-line difference of two schemas. Both sides are printed in one
 * canonical form (collections sorted, every object's keys sorted): a snapshot replayed from deltas
 * and the entities' schema often list a column's fields in another order, which is no difference.
 */
export function schemaPatch(fromLabel: string, from: Schema, toLabel: string, to: Schema): string {
    const { createTwoFilesPatch } = require("diff") as typeof import("diff");
    const text = (schema: Schema) => {
        const canonical = lib().canonicalize(schema) as unknown as Record<string, unknown>;
        return lib().serializeSchema(Object.fromEntries(Object.entries(canonical).map(([key, value]) => [key, sortedKeys(value)])) as unknown as Schema);
    };
    return createTwoFilesPatch(fromLabel, toLabel, text(from), text(to));
}

// What names an entry comes first, so that a line still starts with the object it describes.
const leading = ["schema", "table", "name"];

function sortedKeys(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(sortedKeys);
    if (value === null || typeof value !== "object") return value;
    const keys = Object.keys(value);
    const ordered = [...leading.filter((key) => keys.includes(key)), ...keys.filter((key) => !leading.includes(key)).sort()];
    return Object.fromEntries(ordered.map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]));
}
