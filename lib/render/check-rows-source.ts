/** The name of the function a migration file with data checks defines and calls first. */
export const checkRowsFunction = "checkRows";

/**
 * The function's source, written into each migration file that has data checks, so the file
 * needs nothing but TypeORM (its own `migration:run` runs the checks too). A check's query
 * returns no row when the data fits, else the number of offending rows and the first one's key.
 */
export const checkRowsSource: readonly string[] = [
    "/**",
    " * Stops the migration before it changes anything when rows already in the tables would be rejected",
    " * or lost: each query returns no row when the data fits, else how many rows offend and the first one.",
    " */",
    `async function ${checkRowsFunction}(queryRunner: QueryRunner, checks: readonly (readonly [string, string])[]): Promise<void> {`,
    "    const failed: string[] = [];",
    "    for (const [what, sql] of checks) {",
    "        const rows: unknown = await queryRunner.query(sql);",
    "        const row = Array.isArray(rows) ? (rows[0] as Record<string, unknown> | undefined) : undefined;",
    "        if (row === undefined) continue;",
    "        const { offending, ...first } = row;",
    '        const key = Object.entries(first).map(([name, value]) => `${name}=${value instanceof Date ? value.toISOString() : typeof value === "string" ? JSON.stringify(value) : String(value)}`);',
    '        failed.push(`${what}: ${String(offending)} (first: ${key.join(", ")})`);',
    "    }",
    "    if (failed.length > 0) {",
    '        throw new Error(`data checks failed; this migration changed nothing:\\n${failed.map((line) => `  ${line}`).join("\\n")}`);',
    "    }",
    "}",
];
