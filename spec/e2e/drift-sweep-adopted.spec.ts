import { buildBlogDataSource } from "../../fixtures/blog/build-data-source";
import { mariadbHarness, postgresHarness, sqliteHarness, type DialectHarness } from "../support/dialect-harness";
import { describeDriftSweep } from "../support/drift-sweep";
import { mariadb, postgres, postgresMore, sqlite, sqliteMore, type Adoptable } from "../support/drift-sweep-adoptable";

// Issue 16's sweep on databases a team adopts: built by hand-written SQL, adopted with
// init --from-db, then each hand-made change found once, expression indexes, collations and prefix
// lengths included.

const sweeps: [DialectHarness, Adoptable][] = [
    [postgresHarness, postgres],
    [postgresHarness, postgresMore],
    [sqliteHarness, sqlite],
    [sqliteHarness, sqliteMore],
    [mariadbHarness, mariadb],
];

for (const [harness, adoptable] of sweeps) {
    describeDriftSweep({
        title: `a database built by hand (${adoptable.what})`,
        harness,
        steps: [{ id: "adopted", build: (options) => buildBlogDataSource([], options) }],
        adopted: adoptable.schema,
        rows: { inserts: adoptable.rows, probes: [adoptable.probe.sql] },
        lacks: "any",
    });
}
