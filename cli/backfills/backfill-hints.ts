import type { Backfill } from "../../lib/index";
import { CliError, ExitCode } from "../exit-codes";
import { formatNames, parseNamedValue } from "../renames/rename-hints";

/**
 * Reads `--backfill [<schema>.]<table>.<column>=<sql>`: names as in `--rename` (a JSON string for
 * one holding `.`, `=` or `"`), then the SQL expression the rows already there get, as written.
 */
export function parseBackfillHints(hints: readonly string[], defaultSchema: string): Backfill[] {
    return hints.map((hint) => {
        const { path, value } = parseNamedValue(hint, "--backfill");
        if (path.length < 2 || path.length > 3)
            throw new CliError(`--backfill ${JSON.stringify(hint)}: expected [schema.]table.column=<sql>`, ExitCode.badInput);
        if (value.trim() === "") throw new CliError(`--backfill ${JSON.stringify(hint)}: the value (an SQL expression) is missing`, ExitCode.badInput);
        const schema = path.length === 3 ? path[0] : defaultSchema;
        return { table: { schema, table: path[path.length - 2] }, column: path[path.length - 1], value };
    });
}

/** The hint that gives `backfill`, as `parseBackfillHints` reads it back (not yet shell-quoted). */
export function formatBackfillHint(backfill: Backfill, defaultSchema: string): string {
    const schema = backfill.table.schema === defaultSchema ? [] : [backfill.table.schema];
    return `${formatNames([...schema, backfill.table.table, backfill.column])}=${backfill.value}`;
}
