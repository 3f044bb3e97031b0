/** Structural equality of plain JSON values (the schema model holds nothing else). */
export function deepEqual(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (Array.isArray(a)) {
        const other = b as unknown[];
        if (a.length !== other.length) return false;
        for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], other[i])) return false;
        return true;
    }
    // Keys whose value is undefined count as absent. (Loops, not filtered copies: the differ
    // compares every entry of two large schemas.)
    const left = a as Record<string, unknown>;
    const right = b as Record<string, unknown>;
    let defined = 0;
    for (const k of Object.keys(left)) {
        if (left[k] === undefined) continue;
        if (!deepEqual(left[k], right[k])) return false;
        defined++;
    }
    for (const k of Object.keys(right)) if (right[k] !== undefined) defined--;
    return defined === 0;
}
