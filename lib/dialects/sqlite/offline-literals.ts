import type { OfflineLiterals } from "../runtime";

/** `?` placeholders, in order; no backslash escapes. */
export const sqliteOfflineLiterals: OfflineLiterals = {
    placeholder: /^\?/,
    backslashEscapes: () => false,
    dollarQuoting: false,
    boolean: (value) => (value ? "1" : "0"),
    bytes: (value) => `X'${value.toString("hex")}'`,
};
