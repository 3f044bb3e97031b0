import type { OfflineLiterals } from "../runtime";

/** `?` placeholders, in order; strings (not backquoted identifiers) take backslash escapes. */
export const mysqlOfflineLiterals: OfflineLiterals = {
    placeholder: /^\?/,
    backslashEscapes: (quote) => quote !== "`",
    dollarQuoting: false,
    boolean: (value) => (value ? "1" : "0"),
    bytes: (value) => `X'${value.toString("hex")}'`,
};
