import { isDataCheck } from "../dialects/data-check-sql";

/**
 * Whether a statement only reads: a `SELECT` (or MySQL's `SHOW`) after any leading comments and
 * whitespace, as the data checks at the start of a generated migration are
 * (`/* typeorm-migrate data check *\/ SELECT ...`). Such a statement leaves nothing to undo, so it
 * never makes a bind dirty, and a resumed run sends it again instead of skipping it (its rows may be
 * what the migration, or a TypeORM helper, goes on with).
 *
 * `SELECT ... INTO` (PostgreSQL creates a table that way) and `setval` / `nextval` (they move a
 * sequence, outside any transaction) count as writes. A function with other side effects called
 * from a `SELECT` cannot be told apart and counts as a read.
 *
 * @example
 * isReadOnlyStatement("/* typeorm-migrate data check *\/ SELECT count(*) FROM \"user\"") // true
 * isReadOnlyStatement("INSERT INTO t3 VALUES (1)")                                       // false
 */
export function isReadOnlyStatement(sql: string): boolean {
    // A generated data check reads, whatever its names spell (a column called "into").
    if (isDataCheck(sql)) return /^select\b/i.test(withoutLeadingComments(sql));
    const body = withoutLeadingComments(sql);
    if (!/^(select|show)\b/i.test(body)) return false;
    return !/\b(into|setval|nextval)\b/i.test(body);
}

function withoutLeadingComments(sql: string): string {
    let rest = sql.trimStart();
    for (;;) {
        if (rest.startsWith("--")) {
            const end = rest.indexOf("\n");
            rest = end < 0 ? "" : rest.slice(end + 1).trimStart();
        } else if (rest.startsWith("/*")) {
            const end = rest.indexOf("*/");
            // An unterminated comment: nothing readable follows, so it is not a read.
            rest = end < 0 ? "" : rest.slice(end + 2).trimStart();
        } else {
            return rest;
        }
    }
}
