import { buildBlogDataSource, type BlogDataSourceOptions } from "../../fixtures/blog/build-data-source";
import { blogVersions } from "../../fixtures/blog/versions";
import { versions as dataSafetyVersions } from "../../fixtures/data-safety/steps";
import { unmanagedIndexVersions } from "../../fixtures/differ-gaps/unmanaged-index";
import { entities as hostileEntities } from "../../fixtures/hostile/entities";
import { nameReuseVersions } from "../../fixtures/name-reuse/versions";
import { SnakeNamingStrategy } from "../../fixtures/naming/snake-naming-strategy";
import { v1 as onlineV1, v2 as onlineV2 } from "../../fixtures/online/entities";
import { entities as sqliteSyncV1 } from "../../fixtures/sqlite-synchronize/v1";
import { entities as sqliteSyncV2 } from "../../fixtures/sqlite-synchronize/v2";
import { wholeZoo, zooSetDataSource } from "../../fixtures/zoo";
import { zooRows } from "../../fixtures/zoo/rows";
import { wholeZooV2 } from "../../fixtures/zoo/v2";
import type { EntityClass } from "../../fixtures/entity-class";
import { mariadbHarness, mysqlHarness, postgresHarness, sqliteHarness, type DialectHarness } from "../support/dialect-harness";
import { describeDriftSweep } from "../support/drift-sweep";
import type { VersionStep } from "../support/version-steps";

// Issue 16's sweep over the smaller fixtures, each through its own chain of versions: check --db
// is quiet after our own upgrade; each hand-made change the fixture has something for is found once.

const all: readonly DialectHarness[] = [postgresHarness, sqliteHarness, mysqlHarness, mariadbHarness];
const isMysql = (harness: DialectHarness) => harness.name === "mysql" || harness.name === "mariadb";
const quoter = (harness: DialectHarness) => (sql: string) => (isMysql(harness) ? sql.replaceAll('"', "`") : sql);

const chain = (prefix: string, versions: readonly (readonly EntityClass[])[], extra: Partial<BlogDataSourceOptions> = {}): VersionStep[] =>
    versions.map((entities, i) => ({
        id: `${prefix}${String(i + 1).padStart(8 - prefix.length, "0")}`,
        build: (options) => buildBlogDataSource([...entities], { ...options, ...extra } as BlogDataSourceOptions),
    }));

for (const harness of all) {
    const q = quoter(harness);
    describeDriftSweep({
        title: "index and unique names moved between tables, reused and swapped",
        harness,
        steps: chain("reuse", nameReuseVersions),
        rows: {
            inserts: [q(`INSERT INTO "alpha" ("x", "z") VALUES (1, 10), (2, 20)`), q(`INSERT INTO "beta" ("y", "w") VALUES (3, 30), (4, 40)`)],
            probes: [q(`SELECT "x", "z" FROM "alpha" ORDER BY "id"`)],
        },
        lacks: "any",
    });
    describeDriftSweep({
        title: "data safety's steps",
        harness,
        steps: chain("safe", dataSafetyVersions.slice(0, 3)),
        rows: {
            inserts: [q(`INSERT INTO "customer" ("name", "label", "visits") VALUES ('ann', 'vip', 3), ('bob', NULL, 30000)`)],
            probes: [q(`SELECT "name" FROM "customer" ORDER BY "id"`)],
        },
        lacks: "any",
    });
    describeDriftSweep({
        title: "online's team and members",
        harness,
        steps: chain("onl", [onlineV1, onlineV2]),
        rows: { inserts: [], probes: [] },
        lacks: "any",
    });
    describeDriftSweep({
        title: "the blog v1 with a snake_case naming strategy",
        harness,
        steps: [{ id: "snake001", build: (options) => blogVersions[0].dataSource({ ...options, namingStrategy: new SnakeNamingStrategy() }) }],
        rows: { inserts: [q(`INSERT INTO "user" ("email", "display_name") VALUES ('ada@example.com', 'Ada')`)], probes: [q(`SELECT "email" FROM "user"`)] },
        lacks: "any",
    });
}

for (const harness of [postgresHarness, sqliteHarness]) {
    const dialect = harness.name === "postgres" ? "postgres" : "better-sqlite3";
    describeDriftSweep({
        title: "an index switched to synchronize: false, then removed",
        harness,
        steps: chain("unman", unmanagedIndexVersions),
        rows: { inserts: [], probes: [] },
        lacks: "any",
    });
    describeDriftSweep({
        title: "the whole zoo v1 → v2",
        harness,
        steps: [wholeZoo(dialect), wholeZooV2(dialect)].map((set, i) => ({ id: `zoo0000${i + 1}`, build: (options) => zooSetDataSource(set, options) })),
        rows: zooRows(dialect),
        lacks: "any",
    });
}

for (const harness of [mysqlHarness, mariadbHarness]) {
    describeDriftSweep({
        title: "hostile names and values",
        harness,
        steps: [{ id: "hostile1", build: (options) => buildBlogDataSource(hostileEntities, options) }],
        rows: { inserts: ['INSERT INTO `order "lines"` () VALUES ()'], probes: ['SELECT `select` FROM `order "lines"`'] },
        lacks: "any",
    });
}

describeDriftSweep({
    title: "what SQLite's synchronize() rebuilds",
    harness: sqliteHarness,
    steps: chain("sqsync", [sqliteSyncV1, sqliteSyncV2]),
    rows: { inserts: [], probes: [] },
    lacks: "any",
});
