import type { MigrationInterface, QueryRunner } from "typeorm";
import { dataChecksSql } from "../dialects/data-check-sql";
import { dialectModule } from "../dialects/registry";
import { dataCheckSpecs } from "../diff/data-checks";
import { renderStatements } from "../render/statements";
import type { RevisionNode } from "../revisions/graph";
import { loadMigrations } from "../runner/preflight";
import type { RevisionStore } from "../store/revision-store";

/**
 * The revisions among `revisions` whose migration's `up` runs something other than the SQL their
 * `.json` delta renders to: written by hand (`revision`), edited after `generate`, or generated with
 * `--from-db` (SQL from the live database, not from the snapshot). A squash is built from the deltas,
 * so it would lose what these do. Each `up` is called with a query runner that only records SQL:
 * one that does anything else with it counts as hand-written.
 */
export async function handWrittenRevisions(store: RevisionStore, revisions: readonly RevisionNode[]): Promise<RevisionNode[]> {
    const migrations = await loadMigrations(revisions);
    const found: RevisionNode[] = [];
    for (const node of revisions) {
        const ran = await sqlOfUp(migrations.get(node.revision) as MigrationInterface);
        const { statements, checks } = expectedSql(store, node);
        if (
            ran === null ||
            !sameList(
                ran.filter((sql) => !checks.has(compact(sql))),
                statements,
            )
        )
            found.push(node);
    }
    return found;
}

/** What the delta renders to: the statements (none for a merge), and the data checks `up` may ask first. */
function expectedSql(store: RevisionStore, node: RevisionNode): { statements: string[]; checks: Set<string> } {
    if (node.parents.length > 1) return { statements: [], checks: new Set() };
    const delta = store.delta(node.revision);
    const base = store.stateAt(node.parents[0] ?? null, delta);
    const dialect = dialectModule(base.dialect);
    const statements = renderStatements(dialect, base, delta.ops, { online: delta.online === true }).flatMap((step) => step.statements.map((s) => s.sql));
    const checks = dataChecksSql(dialect.dataChecks, dataCheckSpecs(base, delta.ops)).map((check) => compact(check.sql));
    return { statements, checks: new Set(checks) };
}

/** The SQL `up` sends, or null when it uses the query runner for anything but `query(sql)`, or throws. */
async function sqlOfUp(migration: MigrationInterface): Promise<string[] | null> {
    const sent: string[] = [];
    let other = false;
    const recorder = new Proxy(
        {},
        {
            get: (_target, key) => {
                if (key === "query") return (sql: string) => Promise.resolve(void sent.push(sql)).then(() => []);
                other = true;
                return undefined;
            },
        },
    ) as QueryRunner;
    try {
        await migration.up(recorder);
    } catch {
        return null;
    }
    return other ? null : sent;
}

function sameList(ran: readonly string[], expected: readonly string[]): boolean {
    return ran.length === expected.length && ran.every((sql, i) => compact(sql) === compact(expected[i]));
}

// The file lays a CREATE TABLE out one column a line; whitespace is all that differs.
function compact(sql: string): string {
    return sql.replace(/\s+/g, "");
}
