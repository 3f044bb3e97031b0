import type { Op } from "../diff/ops";
import { formatHeader, type RevisionHeader } from "../revisions/header";
import { prettySql } from "./pretty-sql";
import type { OpStatements } from "./statements";
import type { DataCheck } from "../dialects/data-check-sql";
import type { Statement } from "../dialects/dialect";
import { checkRowsFunction, checkRowsSource } from "./check-rows-source";
import { describeLock, type OpLock } from "./lock-report";

export interface MigrationFileInput {
    readonly header: RevisionHeader;
    readonly className: string;
    readonly up: readonly OpStatements[];
    readonly down: readonly OpStatements[];
    /** Questions about the rows already there that `up` / `down` ask before changing anything. */
    readonly upChecks?: readonly DataCheck[];
    readonly downChecks?: readonly DataCheck[];
    /** A comment written in `up` and `down` when they run nothing (a merge, a revision to hand-write). */
    readonly placeholder?: string;
    /** The locks `up` takes (`lockReport`); the header lists the ops that block writes and what to do instead. */
    readonly locks?: readonly OpLock[];
}

const bodyIndent = "        ";

/** The lines that carry TypeScript types; `migrationSource` rewrites exactly these for JavaScript. */
const typed = {
    imports: `import type { MigrationInterface, QueryRunner } from "typeorm";`,
    noTransaction: "    transaction = false as const;",
    up: "    public async up(queryRunner: QueryRunner): Promise<void> {",
    down: "    public async down(queryRunner: QueryRunner): Promise<void> {",
};

const riskLabel: Record<Op["risk"], string> = { safe: "", "data-dependent": "DATA-DEPENDENT", destructive: "DESTRUCTIVE" };

/**
 * A TypeORM `MigrationInterface` class, runnable by TypeORM's own `migration:run`: the revision
 * header, then `up` and `down` as `queryRunner.query` calls, each op introduced by its reasons and
 * destructive ones flagged. Deterministic: same input, same bytes.
 */
export function renderMigrationFile(input: MigrationFileInput): string {
    const risky = input.up.filter(({ op }) => op.risk !== "safe").map(({ op }) => `${riskLabel[op.risk]} ${describe(op)}`);
    const checked = (input.upChecks ?? []).length + (input.downChecks ?? []).length > 0;
    const outside = [...input.up, ...input.down].flatMap(({ statements }) => statements.filter((s) => s.transactional === false));
    // The header sits on the class, not above the (type-only, elided) import, so compilers keep it.
    const lines = [
        typed.imports,
        "",
        ...formatHeader(input.header).slice(0, -1),
        ...(risky.length > 0
            ? [
                  " *",
                  " * Review before running: DESTRUCTIVE ops drop or narrow data, DATA-DEPENDENT ops may fail on existing rows.",
                  ...risky.map((d) => ` *   - ${d.replace(/\*\//g, "*\\/")}`),
              ]
            : []),
        ...blockingSection(input.locks ?? [], input.up),
        " */",
        `export class ${input.className} implements MigrationInterface {`,
        `    name = ${JSON.stringify(input.className)};`,
        ...(outside.length > 0 ? [noTransactionComment(outside), typed.noTransaction] : []),
        "",
        typed.up,
        ...renderChecks(input.upChecks ?? []),
        ...renderBody(input.up, input.placeholder),
        "    }",
        "",
        typed.down,
        ...renderChecks(input.downChecks ?? []),
        ...renderBody(input.down, input.placeholder),
        "    }",
        "}",
        "",
        ...(checked ? [...checkRowsSource, ""] : []),
    ];
    return lines.join("\n");
}

/** Why the migration runs without a transaction: statements the server refuses in one, or that must commit one by one to end their locks. */
function noTransactionComment(outside: readonly Statement[]): string {
    return outside.some((s) => s.refusedInTransaction === true)
        ? "    // Some statements here cannot run inside a transaction block."
        : "    // Each statement here commits on its own, so that the lock one takes is not held through the next (a long validation).";
}

/**
 * The ops that make writes wait for a scan, rewrite or build of their table, with the way around
 * each; only those that run SQL (SQLite rebuilds a table once, at the op that completes its changes).
 */
function blockingSection(locks: readonly OpLock[], up: readonly OpStatements[]): string[] {
    const running = new Set(up.filter(({ statements }) => statements.length > 0).map(({ op }) => op));
    const blocking = locks.filter(({ op, lock }) => lock.blocking && running.has(op));
    if (blocking.length === 0) return [];
    const comment = (text: string) => text.replace(/\*\//g, "*\\/");
    return [
        " *",
        " * BLOCKS WRITES: these ops make writes to their table wait while it is scanned, rewritten or indexed.",
        ...blocking.flatMap((entry) => [
            ` *   - ${comment(describe(entry.op))}`,
            ` *     lock: ${comment(describeLock(entry))}`,
            ...(entry.lock.advice === null ? [] : [` *     instead: ${comment(entry.lock.advice)}`]),
        ]),
    ];
}

/** The data checks, first in the method: one `[what, sql]` pair each. */
function renderChecks(checks: readonly DataCheck[]): string[] {
    if (checks.length === 0) return [];
    const itemIndent = `${bodyIndent}    `;
    return [
        `${bodyIndent}// DATA CHECKS: stop before changing anything if rows already in the tables would be rejected or lost.`,
        `${bodyIndent}await ${checkRowsFunction}(queryRunner, [`,
        ...checks.flatMap((check) => [
            `${itemIndent}[`,
            `${itemIndent}    ${JSON.stringify(check.description)},`,
            `${itemIndent}    ${sqlLiteral(check.sql, `${itemIndent}    `)},`,
            `${itemIndent}],`,
        ]),
        `${bodyIndent}]);`,
        "",
    ];
}

function renderBody(steps: readonly OpStatements[], placeholder?: string): string[] {
    const lines: string[] = [];
    if (placeholder !== undefined && steps.every(({ statements }) => statements.length === 0)) {
        return placeholder.split("\n").map((line) => `${bodyIndent}// ${line}`);
    }
    for (const { op, statements } of steps) {
        if (statements.length === 0) continue;
        if (lines.length > 0) lines.push("");
        lines.push(`${bodyIndent}// ${op.risk === "safe" ? "" : `${riskLabel[op.risk]} `}${describe(op)}`);
        for (const statement of statements) {
            lines.push(`${bodyIndent}await queryRunner.query(${sqlLiteral(statement.sql, bodyIndent)});`);
        }
    }
    return lines;
}

/** `kind: reason; reason` on one line. */
export function describe(op: Op): string {
    return `${op.kind}: ${op.reasons.join("; ").replace(/\s+/g, " ")}`;
}

/**
 * The statement as JavaScript source. A template literal reads best; but MySQL quotes every name
 * with backticks, which a template literal would have to escape, so such SQL becomes plain string
 * literals, one per line.
 */
function sqlLiteral(sql: string, indent: string): string {
    if (!sql.includes("`")) return `\`${escapeTemplate(prettySql(sql, indent))}\``;
    const lines = prettySql(sql, "").split("\n");
    if (lines.length === 1) return JSON.stringify(sql);
    return `[\n${lines.map((line) => `${indent}    ${JSON.stringify(line)},`).join("\n")}\n${indent}].join("\\n")`;
}

/** SQL inside a template literal: backslashes, backticks and `${` must not be interpreted. */
export function escapeTemplate(sql: string): string {
    // A raw carriage return would reach the database as a line feed (line endings normalize).
    return sql.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${").replace(/\r/g, "\\r");
}

/** How the project runs its migration files: TypeScript, or JavaScript in its module format. */
export type MigrationModule = "typescript" | "esm" | "commonjs";

/** The extension and module format of the migration files a bind's folder holds. */
export interface MigrationFileFormat {
    readonly extension: string;
    readonly module: MigrationModule;
}

export const typescriptMigrations: MigrationFileFormat = { extension: ".ts", module: "typescript" };

const untyped: Readonly<Record<string, readonly string[]>> = {
    [typed.imports]: [
        '/** @typedef {import("typeorm").MigrationInterface} MigrationInterface */',
        '/** @typedef {import("typeorm").QueryRunner} QueryRunner */',
    ],
    [typed.noTransaction]: ["    transaction = false;"],
    [typed.up]: ["    /** @param {QueryRunner} queryRunner */", "    async up(queryRunner) {"],
    [typed.down]: ["    /** @param {QueryRunner} queryRunner */", "    async down(queryRunner) {"],
};

// The typed lines of `checkRowsSource`, by their text without indentation.
const untypedCheckRows: Readonly<Record<string, string>> = {
    [`async function ${checkRowsFunction}(queryRunner: QueryRunner, checks: readonly (readonly [string, string])[]): Promise<void> {`]: `async function ${checkRowsFunction}(queryRunner, checks) {`,
    "const failed: string[] = [];": "const failed = [];",
    "const rows: unknown = await queryRunner.query(sql);": "const rows = await queryRunner.query(sql);",
    "const row = Array.isArray(rows) ? (rows[0] as Record<string, unknown> | undefined) : undefined;": "const row = Array.isArray(rows) ? rows[0] : undefined;",
};

/**
 * The file's text in `module`: the rendered TypeScript as it is, or the same class in JavaScript,
 * as TypeORM's `migration:generate --outputJs` (with `--esm`) writes it: `export class` for ES
 * modules, `exports.<class>` for CommonJS, types kept as JSDoc for editors.
 */
export function migrationSource(typescript: string, className: string, module: MigrationModule): string {
    if (module === "typescript") return typescript;
    const classLine = `export class ${className} implements MigrationInterface {`;
    let afterClass = false;
    const lines = typescript.split("\n").flatMap((line): readonly string[] => {
        if (line === classLine) return [module === "esm" ? `export class ${className} {` : `class ${className} {`];
        if (line === "}") afterClass = true;
        if (!afterClass) return untyped[line] ?? [line];
        const indent = /^ */.exec(line)?.[0] ?? "";
        const replacement = untypedCheckRows[line.trim()];
        return [replacement === undefined ? line : indent + replacement];
    });
    if (module === "esm") return lines.join("\n");
    return ['"use strict";', ...lines.slice(0, -1), `exports.${className} = ${className};`, ""].join("\n");
}
