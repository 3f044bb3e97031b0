import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ServerKind } from "../fixture/data-source-source";
import { typeormPath } from "../fixture/write-fixture";

/** How the 200 targets of a case are laid out: schemas of one PostgreSQL database, or databases of their own. */
export type FleetShape = "schemas" | "databases";

export type EntityVersion = "v1" | "v2";

/** The environment variable holding a databases case's target URLs (`targets: { env }`). */
export const targetsEnv = "FLEET_TARGETS";

/** Schemas a schemas case makes and its bind's `targets` matches. */
export const schemaPattern = "t_*";

export interface FleetFixture {
    readonly dir: string;
    /** The folder of a case's `typeorm-migrate.config.json` (the CLI's working directory) and its `migrations/`. */
    caseDir(kind: ServerKind, shape: FleetShape): string;
}

const entity = (name: string, body: string) => `"use strict";
const { EntitySchema } = require(${JSON.stringify(typeormPath)});
module.exports = new EntitySchema({
    name: "${name}",
    tableName: "${name.toLowerCase()}",
${body}});
`;

/**
 * A tenant's tables, written as a tenant app writes them (no schema named): v1 accounts, projects and
 * tasks with foreign keys, a unique and an index; v2 adds a nullable column and an index to `task` and
 * a `comment` table. The same on both servers.
 */
function entitySources(version: EntityVersion): Record<string, string> {
    const v2 = version === "v2";
    const id = `        id: { type: "int", primary: true, generated: "increment" },`;
    const sources: Record<string, string> = {
        "account.js": entity(
            "Account",
            `    columns: {
${id}
        email: { type: "varchar", length: 120, unique: true },
        name: { type: "varchar", length: 100 },
    },
`,
        ),
        "project.js": entity(
            "Project",
            `    columns: {
${id}
        accountId: { type: "int" },
        title: { type: "varchar", length: 200 },
    },
    relations: { account: { type: "many-to-one", target: "Account", joinColumn: { name: "accountId" }, onDelete: "CASCADE" } },
    indices: [{ columns: ["title"] }],
`,
        ),
        "task.js": entity(
            "Task",
            `    columns: {
${id}
        projectId: { type: "int" },
        title: { type: "varchar", length: 200 },
        done: { type: "boolean", default: false },
${v2 ? `        priority: { type: "int", nullable: true },\n` : ""}    },
    relations: { project: { type: "many-to-one", target: "Project", joinColumn: { name: "projectId" }, onDelete: "CASCADE" } },
${v2 ? `    indices: [{ columns: ["projectId", "done"] }],\n` : ""}`,
        ),
    };
    if (v2) {
        sources["comment.js"] = entity(
            "Comment",
            `    columns: {
${id}
        taskId: { type: "int" },
        body: { type: "text" },
    },
    relations: { task: { type: "many-to-one", target: "Task", joinColumn: { name: "taskId" }, onDelete: "CASCADE" } },
`,
        );
    }
    return sources;
}

/**
 * The data source of a server: entities of `FLEET_ENTITIES` (v1 or v2, default v2; `generate` is
 * run once per version), in the database `FLEET_DB` (a schemas case's database; a databases case's
 * bind database, which its targets replace).
 */
function dataSourceSource(kind: ServerKind): string {
    const server =
        kind === "postgres"
            ? `type: "postgres", host: process.env.PGHOST || "127.0.0.1", port: Number(process.env.PGPORT || 5432),
    username: process.env.PGUSER || "postgres", password: process.env.PGPASSWORD,`
            : `type: "mariadb", host: process.env.MYSQL_HOST || "127.0.0.1", port: Number(process.env.MYSQL_PORT || 3306),
    username: process.env.MYSQL_USER || "root", password: process.env.MYSQL_PASSWORD || "",`;
    return `"use strict";
const { DataSource } = require(${JSON.stringify(typeormPath)});
const version = process.env.FLEET_ENTITIES || "v2";
module.exports = { default: new DataSource({
    ${server}
    database: process.env.FLEET_DB || "fleet_offline",
    entities: require("./entities/" + version + ".js"),
    logging: false,
}) };
`;
}

function configSource(kind: ServerKind, shape: FleetShape): string {
    const targets = shape === "schemas" ? { schemas: schemaPattern } : { env: targetsEnv };
    return `${JSON.stringify({ migrationsDir: "migrations", binds: { tenants: { dataSource: `../${kind}.js`, targets } } }, null, 2)}\n`;
}

/** Precompiled entities, a data source per server and a config per case (server and shape), in `dir`. */
export function writeFleetFixture(dir: string, cases: readonly { kind: ServerKind; shape: FleetShape }[]): FleetFixture {
    for (const version of ["v1", "v2"] as const) {
        const folder = join(dir, "entities", version);
        mkdirSync(folder, { recursive: true });
        const sources = entitySources(version);
        for (const [file, source] of Object.entries(sources)) writeFileSync(join(folder, file), source);
        const list = Object.keys(sources).map((file) => `    require("./${version}/${file}"),`);
        writeFileSync(join(dir, "entities", `${version}.js`), `"use strict";\nmodule.exports = [\n${list.join("\n")}\n];\n`);
    }
    const caseDir = (kind: ServerKind, shape: FleetShape) => join(dir, `${kind}-${shape}`);
    for (const kind of new Set(cases.map((c) => c.kind))) writeFileSync(join(dir, `${kind}.js`), dataSourceSource(kind));
    for (const { kind, shape } of cases) {
        mkdirSync(caseDir(kind, shape), { recursive: true });
        writeFileSync(join(caseDir(kind, shape), "typeorm-migrate.config.json"), configSource(kind, shape));
    }
    return { dir, caseDir };
}
