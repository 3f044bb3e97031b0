import { expect } from "chai";
import type { DataSource } from "typeorm";
import { buildBlogDataSource } from "../../fixtures/blog/build-data-source";
import { leftOutV1 } from "../../fixtures/left-out/v1";
import { leftOutV2 } from "../../fixtures/left-out/v2";
import { harnesses, mysqlHarnesses, type DialectHarness } from "../support/dialect-harness";
import { describeVersionSteps } from "../support/version-steps";

// Entities carrying what synchronize() leaves out or changes on some dialects (fixtures/left-out):
// on each, the migrations build what synchronize() builds, check is clean, each down restores the
// catalog, and the rows stay. v1 → v2 drops a foreign key whose index InnoDB also uses for a
// shorter one that stays.

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
    ];
    describeVersionSteps("what synchronize() leaves out, v1 → v2", harness, steps, {
        afterUpgrade: async (index, dataSource) => {
            if (index === 0) await writeRows(harness, dataSource);
            await expectRows(harness, dataSource);
        },
        afterDowngrade: async (index, dataSource) => {
            if (index >= 0) await expectRows(harness, dataSource);
        },
    });
}
