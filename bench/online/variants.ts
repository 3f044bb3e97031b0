import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import type { ServerKind } from "../fixture/data-source-source";
import { typeormCli } from "../cases/tools";
import { createDatabase, dropDatabase, fillRows } from "./databases";
import type { OnlineFixture } from "./fixture";
import { expectSuccess, oursCli, runNode, type NodeCommand } from "./processes";

export type VariantName = "default" | "online" | "typeorm";
export const variantNames: readonly VariantName[] = ["default", "online", "typeorm"];

export const variantLabels: Record<VariantName, string> = {
    default: "ours, `generate` (default)",
    online: "ours, `generate --online`",
    typeorm: "TypeORM `migration:generate` + `migration:run`",
};

/** PostgreSQL's `--statement-lock-timeout` (ms) and retries for the online variant's `upgrade`. */
export const statementLockTimeoutMs = 100;
export const statementLockRetries = 10;

/**
 * Compiles our `.ts` migrations to `.js` beside them, as a user's build would (the store prefers
 * the `.js`), so the timed `upgrade` loads JavaScript as TypeORM's `migration:run` does.
 */
function compileMigrations(dir: string): void {
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
        const compiled = ts.transpileModule(readFileSync(join(dir, file), "utf8"), {
            compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
        });
        writeFileSync(join(dir, file.replace(/\.ts$/, ".js")), compiled.outputText);
    }
}

export interface ServerPlan {
    readonly kind: ServerKind;
    /** A database at v1 holding `rows` items, fresh for one timed run. */
    freshV1Database(): Promise<string>;
    /** The timed upgrade of a variant against `database`. */
    upgrade(variant: VariantName, database: string): NodeCommand;
    /** The `up` statements of each variant's migration, for the report's reader. */
    readonly migrations: Record<VariantName, string>;
    dispose(): Promise<void>;
}

export interface PlanOptions {
    readonly scratch: string;
    readonly fixture: OnlineFixture;
    readonly rows: number;
    readonly progress: (line: string) => void;
}

/**
 * Writes the three variants' migrations once (untimed): our initial revision from v1, then
 * from v2 our default and our `--online` revision on top of it, and TypeORM's own migration
 * generated against a v1 database. On PostgreSQL one loaded v1 database is the template of
 * every run's copy; MariaDB has no templates, so each run builds and fills its own.
 */
export async function planServer(kind: ServerKind, options: PlanOptions): Promise<ServerPlan> {
    const dir = join(options.scratch, kind);
    const roots = { base: join(dir, "base"), default: join(dir, "default"), online: join(dir, "online") };
    const typeormDir = join(dir, "typeorm");
    const ours = (args: string[], env: Record<string, string> = {}): NodeCommand => ({ script: oursCli, args, cwd: options.scratch, env });
    const run = async (command: NodeCommand, what: string) => expectSuccess(await runNode(command), `${what} (${kind})`);
    const v1 = options.fixture.dataSource(kind, "v1");
    const v2 = options.fixture.dataSource(kind, "v2");

    await run(ours(["generate", "-d", v1, "-m", "v1", "--dir", roots.base]), "generate v1");
    cpSync(roots.base, roots.default, { recursive: true });
    cpSync(roots.base, roots.online, { recursive: true });
    // Every row has a qty, but `generate` asks what a NULL would become, as it would a user.
    const backfill = ["--backfill", "item.qty=0"];
    await run(ours(["generate", "-d", v2, "-m", "v2", ...backfill, "--dir", roots.default]), "generate v2");
    await run(ours(["generate", "-d", v2, "-m", "v2 online", "--online", ...backfill, "--dir", roots.online]), "generate v2 --online");

    for (const root of Object.values(roots)) compileMigrations(join(root, "default"));

    const v1Database = async (rows: number) => {
        const database = await createDatabase(kind);
        await run(ours(["upgrade", "-d", v1, "--dir", roots.base], { BENCH_DB: database }), "upgrade to v1");
        if (rows > 0) await fillRows(kind, database, rows);
        return database;
    };
    const empty = await v1Database(0);
    await run(
        { script: typeormCli, args: ["migration:generate", join(typeormDir, "V2"), "-o", "-d", v2], cwd: options.scratch, env: { BENCH_DB: empty } },
        "typeorm migration:generate",
    );
    await dropDatabase(empty);

    let template: string | undefined;
    if (kind === "postgres") {
        options.progress(`${kind}: loading ${options.rows.toLocaleString("en")} rows into the template database`);
        template = await v1Database(options.rows);
    }
    const lockOptions =
        kind === "postgres" ? ["--statement-lock-timeout", String(statementLockTimeoutMs), "--statement-lock-retries", String(statementLockRetries)] : [];
    const newest = (folder: string, ext: string) =>
        join(
            folder,
            readdirSync(folder)
                .filter((f) => f.endsWith(ext))
                .sort()
                .at(-1) ?? "",
        );
    return {
        kind,
        freshV1Database: async () => {
            if (template !== undefined) return createDatabase(kind, template);
            options.progress(`${kind}: loading ${options.rows.toLocaleString("en")} rows`);
            return v1Database(options.rows);
        },
        upgrade: (variant, database) => {
            const env = { BENCH_DB: database };
            if (variant === "typeorm")
                return {
                    script: typeormCli,
                    args: ["migration:run", "-d", v2],
                    cwd: options.scratch,
                    env: { ...env, BENCH_MIGRATIONS: join(typeormDir, "*.js") },
                };
            return ours(["upgrade", "-d", v2, "--dir", roots[variant], ...(variant === "online" ? lockOptions : [])], env);
        },
        migrations: {
            default: newest(join(roots.default, "default"), ".ts"),
            online: newest(join(roots.online, "default"), ".ts"),
            typeorm: newest(typeormDir, ".js"),
        },
        dispose: async () => {
            if (template !== undefined) await dropDatabase(template);
        },
    };
}
