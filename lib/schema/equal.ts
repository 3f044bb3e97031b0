/** Structural equality of plain JSON values (the schema model holds nothing else). */
export function deepEqual(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (Array.isArray(a)) {
        const other = b as unknown[];
        return a.length === other.length && a.every((value, i) => deepEqual(value, other[i]));
    }
    const aKeys = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
    const bKeys = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
    if (aKeys.length !== bKeys.length) return false;
    return aKeys.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
