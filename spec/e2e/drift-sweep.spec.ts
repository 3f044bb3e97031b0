import { buildBlogDataSource, type BlogDataSourceOptions } from "../../fixtures/blog/build-data-source";
import { entities as mysqlView } from "../../fixtures/drift-sweep/mysql-view";
import { entities as hostileEntities } from "../../fixtures/hostile/entities";
import { identifierLimitCases, longColumnName, longTableName } from "../../fixtures/identifier-limits/entities";
import { versionsFor as mysqlSink } from "../../fixtures/kitchen-sink/mysql";
import { versions as postgresSink } from "../../fixtures/kitchen-sink/postgres";
import { versions as sqliteSink } from "../../fixtures/kitchen-sink/sqlite";
import type { KitchenSinkVersion } from "../../fixtures/kitchen-sink/versions";
import { wholeZoo, zooSetDataSource, zooSetsFor, type ZooSet } from "../../fixtures/zoo";
import { namingRows, postgresSchemaRows, zooRows, type ZooRows } from "../../fixtures/zoo/rows";
import { mariadbHarness, mysqlHarness, postgresHarness, sqliteHarness, type DialectHarness } from "../support/dialect-harness";
import { describeDriftSweep, type SweepRows } from "../support/drift-sweep";
import type { VersionStep } from "../support/version-steps";

// Issue 16, "Must show": every fixture and kitchen sink on every dialect, built by our own
// generate + upgrade: check --db finds nothing; each kind of hand-made change is found once.

const sinkSteps = (versions: readonly KitchenSinkVersion[], schema: string): VersionStep[] =>
    versions.map((version) => ({
        id: version.id,
        build: (options: BlogDataSourceOptions) => buildBlogDataSource([...version.entities], options),
        renames: version.renames?.(schema),
    }));

/** The blog's and the constraints' rows of the sinks' first version, quoted for `quote`'s dialect. */
function sinkRows(quote: (sql: string) => string): SweepRows {
    return {
        inserts: [
            `INSERT INTO "user" ("email", "displayName") VALUES ('ada@example.com', 'Ada')`,
            `INSERT INTO "post" ("title", "body", "status", "authorId") VALUES ('Kept title', 'Body', 'published', 1)`,
            `INSERT INTO "comment" ("body", "postId", "authorId") VALUES ('Nice', 1, 1)`,
            `INSERT INTO "warehouse" ("code") VALUES ('north')`,
            `INSERT INTO "item" ("id", "sku", "quantity", "warehouseId") VALUES (1, 'bolt', 5, 1)`,
        ].map(quote),
        probes: [`SELECT "title" FROM "post"`, `SELECT "body" FROM "comment"`, `SELECT "email" FROM "user"`, `SELECT "sku", "quantity" FROM "item"`].map(quote),
    };
}

const asIs = (sql: string) => sql;
const backticks = (sql: string) => sql.replaceAll('"', "`");

for (const [harness, versions, schema] of [
    [postgresHarness, postgresSink, "public"],
    [sqliteHarness, sqliteSink, ""],
] as const) {
    describeDriftSweep({ title: "the kitchen sink", harness, steps: sinkSteps(versions, schema), rows: sinkRows(asIs) });
}

for (const harness of [mysqlHarness, mariadbHarness]) {
    describeDriftSweep({
        title: "the MySQL kitchen sink",
        harness,
        steps: sinkSteps(
            mysqlSink(harness.name as "mysql" | "mariadb").map((version) => ({ ...version, entities: [...version.entities, ...mysqlView] })),
            "",
        ),
        rows: sinkRows(backticks),
        // synchronize() leaves the shared entities' checks out on MySQL.
        lacks: ["check dropped", "check changed"],
    });
}

const zooStep = (set: ZooSet): VersionStep[] => [{ id: "zoo00001", build: (options) => zooSetDataSource(set, options) }];
const setNamed = (harness: DialectHarness, name: string) =>
    zooSetsFor(harness.name === "postgres" ? "postgres" : "better-sqlite3").find((s) => s.name === name) as ZooSet;
const zooRowsOf = (rows: ZooRows): SweepRows => rows;

for (const harness of [postgresHarness, sqliteHarness]) {
    const dialect = harness.name === "postgres" ? "postgres" : "better-sqlite3";
    describeDriftSweep({
        title: "the whole zoo",
        harness,
        steps: zooStep(wholeZoo(dialect)),
        rows: zooRowsOf(zooRows(dialect)),
        // Its views name every column of the tables they read.
        lacks: ["column type, its table read by a view", "exclusion dropped"],
    });
    describeDriftSweep({
        title: "the zoo's naming strategy and entity prefix",
        harness,
        steps: zooStep(setNamed(harness, "naming strategy and entity prefix")),
        rows: namingRows,
        lacks: [
            "column type",
            "column type, its table read by a view",
            "column type, under an index",
            "column default",
            "index added",
            "check added",
            "view body",
            "unique added",
            "view dropped",
            "partial index predicate",
            "column default changed",
            "column collation",
            "expression index added",
            "exclusion dropped",
            "view re-created as it was, spelled otherwise (nothing to report)",
        ],
    });
    describeDriftSweep({
        title: "hostile names and values",
        harness,
        steps: [{ id: "hostile1", build: (options) => buildBlogDataSource(hostileEntities, options) }],
        rows: { inserts: [`INSERT INTO "order ""lines""" DEFAULT VALUES`], probes: [`SELECT "select", "naïve 表" AS "mood" FROM "order ""lines"""`] },
        lacks: [
            "column type, its table read by a view",
            "column default",
            "view body",
            "view dropped",
            "partial index predicate",
            "exclusion dropped",
            "view re-created as it was, spelled otherwise (nothing to report)",
        ],
    });
    describeDriftSweep({
        title: "names longer than identifier limits",
        harness,
        steps: [{ id: "long0001", build: (options) => buildBlogDataSource(identifierLimitCases.names, options) }],
        rows: { inserts: [`INSERT INTO "${longTableName}" ("${longColumnName}") VALUES (7)`], probes: [`SELECT "${longColumnName}" FROM "${longTableName}"`] },
        lacks: [
            "column type, its table read by a view",
            "column default",
            "index added",
            "check added",
            "foreign key ON DELETE",
            "view body",
            "enum value added",
            "enum value renamed",
            "check dropped",
            "foreign key dropped",
            "unique added",
            "view dropped",
            "partial index predicate",
            "check changed",
            "column default changed",
            "column collation",
            "expression index added",
            "exclusion dropped",
            "view re-created as it was, spelled otherwise (nothing to report)",
        ],
    });
}

describeDriftSweep({
    title: "the zoo's own default schema",
    harness: postgresHarness,
    steps: zooStep(setNamed(postgresHarness, "postgres: another default schema, pgcrypto")),
    rows: postgresSchemaRows,
    // Every table is read by a view or holds a computed column: only what stands alone changes.
    lacks: [
        "column type",
        "column type, its table read by a view",
        "column default",
        "column nullability",
        "index added",
        "check added",
        "check dropped",
        "column added",
        "unique added",
        "column comment",
        "partial index predicate",
        "check changed",
        "column default changed",
        "column collation",
        "expression index added",
        "exclusion dropped",
    ],
    prepare: async (dataSource) => {
        await dataSource.query(`CREATE SCHEMA "zoo_app"`);
    },
});
