import type { IncludeObject } from "../lib/index";
import { lib } from "./lib";

export const excludeOption = {
    type: "string",
    array: true,
    default: [] as string[],
    describe: "Leave tables, views or enum types out of the comparison: name or schema.name, * and ? wildcards; schema.* for a schema",
} as const;

/** Undefined when nothing is excluded, so the differ skips filtering. */
export function includeFor(patterns: readonly string[]): IncludeObject | undefined {
    return patterns.length > 0 ? lib().excludePatterns(patterns) : undefined;
}
