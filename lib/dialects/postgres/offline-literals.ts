import type { OfflineLiterals } from "../runtime";

/** `$1`, `$2` placeholders; `E'...'` strings take backslash escapes, `$tag$ ... $tag$` strings hold no placeholders. */
export const postgresOfflineLiterals: OfflineLiterals = {
    placeholder: /^\$(\d+)/,
    backslashEscapes: (quote, before) => quote === "'" && /[Ee]/.test(before),
    dollarQuoting: true,
    boolean: (value) => (value ? "TRUE" : "FALSE"),
    bytes: (value) => `'\\x${value.toString("hex")}'::bytea`,
};
