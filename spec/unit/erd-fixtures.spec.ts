import { expect } from "chai";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildBlogDataSource, type FixtureDataSourceOptions } from "../../fixtures/blog/build-data-source";
import { entities as hostileEntities } from "../../fixtures/hostile/entities";
import { versionsFor as mysqlSink } from "../../fixtures/kitchen-sink/mysql";
import { versions as postgresSink } from "../../fixtures/kitchen-sink/postgres";
import { versions as sqliteSink } from "../../fixtures/kitchen-sink/sqlite";
import type { KitchenSinkVersion } from "../../fixtures/kitchen-sink/versions";
import { stateOfRevisions } from "../../lib/generate/merged-state";
import { dbmlErd } from "../../lib/render/erd-dbml";
import { schemaChanges } from "../../lib/render/erd-changes";
import { mermaidErd } from "../../lib/render/erd-mermaid";
import type { Schema } from "../../lib/schema/model";
import { RevisionStore } from "../../lib/store/revision-store";
import { generateFor } from "../support/generate";
import { repoRoot } from "../support/run-cli";
import { parseDbml, parseErDiagram } from "./erd-diagram-parsers";

interface Dialect {
    readonly name: string;
    readonly options: FixtureDataSourceOptions;
    readonly sink: readonly KitchenSinkVersion[];
    readonly defaultSchema: string;
}

const dialects: Dialect[] = [
    { name: "PostgreSQL", options: { type: "postgres" }, sink: postgresSink, defaultSchema: "public" },
    { name: "MariaDB", options: { type: "mariadb" }, sink: mysqlSink("mariadb"), defaultSchema: "" },
    { name: "SQLite", options: { type: "better-sqlite3", database: ":memory:" }, sink: sqliteSink, defaultSchema: "" },
];

/** Each revision's schema drawn in both formats with what it changed marked, parsed back, and compared with the model. */
async function expectEveryRevisionDrawn(store: RevisionStore): Promise<number> {
    for (const node of store.graph.all()) {
        const schema = store.stateAt(node.revision);
        const changes = schemaChanges(stateOfRevisions(store, node.parents, schema), schema, node.revision);
        const where = `revision ${node.revision} of ${store.dir}`;
        const er = await parseErDiagram(mermaidErd(schema, { caption: node.message, changes }));
        expect([...er.entities.keys()], where).to.have.members(schema.tables.map((t) => diagramName(schema, t.schema, t.table)));
        for (const table of schema.tables) {
            const attributes = er.entities.get(diagramName(schema, table.schema, table.table)) ?? [];
            expect(attributes.length, `${where}: ${table.table}`).to.equal(
                schema.columns.filter((c) => c.schema === table.schema && c.table === table.table).length,
            );
        }
        expect(er.relationships.length, where).to.equal(schema.foreignKeys.length);
        const database = parseDbml(dbmlErd(schema, { caption: node.message, changes }));
        const tables = database.schemas.flatMap((s) =>
            s.tables.map((t) => ({ name: s.name === "public" ? t.name : `${s.name}.${t.name}`, fields: t.fields.length })),
        );
        expect(tables, where).to.have.deep.members(
            schema.tables.map((t) => ({
                name: diagramName(schema, t.schema, t.table),
                fields: schema.columns.filter((c) => c.schema === t.schema && c.table === t.table).length,
            })),
        );
        expect(database.schemas.flatMap((s) => s.refs).length, where).to.equal(schema.foreignKeys.length);
    }
    return store.graph.size;
}

function diagramName(schema: Schema, tableSchema: string, table: string): string {
    return tableSchema === "" || tableSchema === schema.defaultSchema ? table : `${tableSchema}.${table}`;
}

describe("erd over the fixtures' snapshots: every revision parses as Mermaid and DBML and shows every table, column and key", () => {
    let root: string;
    before(() => (root = mkdtempSync(join(tmpdir(), "tm-erd-fixtures-"))));
    after(() => rmSync(root, { recursive: true, force: true }));

    it("the blog's sample migrations (PostgreSQL, MySQL, SQLite)", async () => {
        const dirs = ["two-binds/default", "two-binds/analytics", "sqlite/default"].map((dir) => join(repoRoot, "migrations-sample", dir));
        let drawn = 0;
        for (const dir of dirs) drawn += await expectEveryRevisionDrawn(RevisionStore.open(dir));
        expect(drawn).to.equal(8);
    });

    for (const dialect of dialects) {
        it(`the kitchen sink, v1 → v2 → v3, and the hostile names on ${dialect.name}`, async () => {
            const sink = join(root, `sink-${dialect.name}`);
            for (const [i, version] of dialect.sink.entries()) {
                const dataSource = buildBlogDataSource([...version.entities], dialect.options);
                const renames = version.renames?.(dialect.defaultSchema);
                await generateFor(sink, dataSource, {
                    message: `kitchen sink ${version.id}`,
                    timestamp: 1764000000000 + i * 60000,
                    ...(renames ? { renames } : {}),
                });
            }
            expect(await expectEveryRevisionDrawn(RevisionStore.open(sink))).to.equal(3);
            const hostile = join(root, `hostile-${dialect.name}`);
            await generateFor(hostile, buildBlogDataSource(hostileEntities, dialect.options), { message: "hostile", timestamp: 1764000000000 });
            expect(await expectEveryRevisionDrawn(RevisionStore.open(hostile))).to.equal(1);
        });
    }
});
