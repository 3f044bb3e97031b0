import { expect } from "chai";
import { dirname } from "node:path";
import type { DataSource } from "typeorm";
import { buildBlogDataSource } from "../../fixtures/blog/build-data-source";
import { leftOutV1 } from "../../fixtures/left-out/v1";
import { leftOutV2 } from "../../fixtures/left-out/v2";
import { leftOutV3 } from "../../fixtures/left-out/v3";
import { detectDrift } from "../../lib/database/drift";
import { RevisionStore } from "../../lib/store/revision-store";
import { harnesses, mysqlHarnesses, type DialectHarness } from "../support/dialect-harness";
import { describeVersionSteps } from "../support/version-steps";

// Entities carrying what synchronize() leaves out or changes on some dialects (fixtures/left-out):
// on each, the migrations build what synchronize() builds, check is clean, each down restores the
// catalog, the live database reads back as the snapshot (no drift), and the rows stay. v1 → v2
// drops a foreign key whose index InnoDB also uses for a shorter one that stays, and changes a
// materialized view's indexes; v2 → v3 changes its query, so it is made again with its indexes.

const quote = (harness: DialectHarness, name: string) => (harness.name === "mysql" || harness.name === "mariadb" ? `\`${name}\`` : `"${name}"`);

async function writeRows(harness: DialectHarness, dataSource: DataSource): Promise<void> {
    const q = (name: string) => quote(harness, name);
    await dataSource.query(`INSERT INTO ${q("lo_country")} (${q("code")}, ${q("name")}) VALUES ('FR', 'France')`);
    await dataSource.query(`INSERT INTO ${q("lo_city")} (${q("id")}, ${q("countryCode")}) VALUES (7, 'FR')`);
    await dataSource.query(`INSERT INTO ${q("lo_order")} (${q("id")}, ${q("cityId")}, ${q("countryCode")}) VALUES (1, 7, 'FR'), (2, 7, 'FR')`);
    await dataSource.query(`INSERT INTO ${q("lo_ticket")} (${q("id")}, ${q("note")}) VALUES (3, 'kept')`);
}

async function expectRows(harness: DialectHarness, dataSource: DataSource): Promise<void> {
    const q = (name: string) => quote(harness, name);
    const perCity = await dataSource.query<Record<string, unknown>[]>(`SELECT ${q("cityId")}, ${q("orders")} FROM ${q("lo_orders_per_city")}`);
    expect(perCity.map((row) => [Number(row.cityId), Number(row.orders)])).to.deep.equal([[7, 2]]);
    const tickets = await dataSource.query<Record<string, unknown>[]>(`SELECT ${q("id")}, ${q("note")} FROM ${q("lo_ticket")}`);
    expect(tickets.map((row) => [Number(row.id), row.note])).to.deep.equal([[3, "kept"]]);
}

for (const harness of [...harnesses, ...mysqlHarnesses]) {
    const steps = [
        { id: "lo000001", build: (options: Parameters<typeof buildBlogDataSource>[1]) => buildBlogDataSource([...leftOutV1], options) },
        { id: "lo000002", build: (options: Parameters<typeof buildBlogDataSource>[1]) => buildBlogDataSource([...leftOutV2], options) },
        { id: "lo000003", build: (options: Parameters<typeof buildBlogDataSource>[1]) => buildBlogDataSource([...leftOutV3], options) },
    ];
    let migrationsDir = "";
    describeVersionSteps("what synchronize() leaves out, v1 → v2 → v3", harness, steps, {
        afterGenerate: (_index, file) => {
            if (file !== null) migrationsDir = dirname(file);
        },
        afterUpgrade: async (index, dataSource) => {
            if (index === 0) await writeRows(harness, dataSource);
            await expectRows(harness, dataSource);
            const drift = await detectDrift(dataSource, RevisionStore.open(migrationsDir), [steps[index].id]);
            expect(drift.ops.map((op) => op.reasons)).to.deep.equal([]);
        },
        afterDowngrade: async (index, dataSource) => {
            if (index >= 0) await expectRows(harness, dataSource);
        },
    });
}
