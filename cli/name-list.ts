/**
 * Many migration names on one line are unreadable (an adopted project may have dozens): beyond a
 * few, the count, the first and the last, and how to see them all.
 *
 * @example
 * summarizeNames(["A1", "B2"], false)          // "A1, B2"
 * summarizeNames(fiftyNine, false)             // "59 migrations, A1 … Z9 (--verbose lists them)"
 */
export function summarizeNames(names: readonly string[], verbose: boolean): string {
    const limit = 3;
    if (verbose || names.length <= limit) return names.join(", ");
    return `${names.length} migrations, ${names[0]} … ${names[names.length - 1]} (--verbose lists them)`;
}
