/** Whether a value read back from a cache file is a count or an offset: a whole number, 0 or more. */
export function isCount(value: unknown): value is number {
    return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}
