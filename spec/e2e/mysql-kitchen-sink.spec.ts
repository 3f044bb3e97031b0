import { expect } from "chai";
import type { DataSource } from "typeorm";
import { buildBlogDataSource } from "../../fixtures/blog/build-data-source";
import { versionsFor } from "../../fixtures/kitchen-sink/mysql";
import { mysqlHarnesses } from "../support/dialect-harness";
import { describeVersionSteps } from "../support/version-steps";

// Every MySQL feature stepped through three versions on MariaDB, through both TypeORM drivers:
// each upgrade equals synchronize()'s catalog, check is clean, each down restores the catalog,
// and rows survive the table and column renames (names with quotes, spaces and unicode too), the
// type changes (smallint → int, unsigned → signed → unsigned, latin1 → utf8mb4 → latin1,
// decimal(8,2) → decimal(10,2)) and a VIRTUAL computed column turning plain.

async function writeRows(dataSource: DataSource): Promise<void> {
    await dataSource.query(
        "INSERT INTO `gadget` (`stock`, `label`, `description`, `spot`, `size`, `price`, `weight`) " +
            "VALUES (7, 'Caf\u00e9 label', 'a small gadget', ST_GeomFromText('POINT(1 2)'), 'small', 12.5, 300)",
    );
    await dataSource.query("INSERT INTO `part` (`name`, `gadgetId`) VALUES ('wheel', 1)");
    await dataSource.query("INSERT INTO `voucher` (`code`) VALUES ('B2'), ('A1')");
    await dataSource.query('INSERT INTO `odd "table"` (`sel"ect`, `naïve 表`) VALUES (?, ?)', ["kept 'odd'", "o'clock"]);
}

/** v2 numbers the vouchers with its new AUTO_INCREMENT key. */
async function expectVouchers(dataSource: DataSource, version: number): Promise<void> {
    const rows = await dataSource.query<{ code: string }[]>(
        version === 0 ? "SELECT `code` FROM `voucher` ORDER BY `code`" : "SELECT `code` FROM `voucher` ORDER BY `id`",
    );
    expect(rows.map((row) => row.code)).to.have.members(["A1", "B2"]);
    if (version > 0) expect(await dataSource.query("SELECT MIN(`id`) AS lo, MAX(`id`) AS hi FROM `voucher`")).to.deep.equal([{ lo: 1, hi: 2 }]);
}

async function expectOdd(dataSource: DataSource, version: number): Promise<void> {
    const column = version === 0 ? '`sel"ect`' : '`sel"ected`';
    const rows = await dataSource.query<Record<string, unknown>[]>(`SELECT ${column} AS \`value\`, \`naïve 表\` AS \`mood\` FROM \`odd "table"\``);
    expect(rows).to.deep.equal([{ value: "kept 'odd'", mood: "o'clock" }]);
}

/** The computed column of v2 (`counted` * 3, VIRTUAL) turns plain at v3 and keeps its values. */
async function expectStocktake(dataSource: DataSource, version: number): Promise<void> {
    const rows = await dataSource.query<Record<string, unknown>[]>("SELECT `counted`, `doubled` FROM `stocktake`");
    expect(rows).to.deep.equal(version === 0 ? [] : [{ counted: 4, doubled: 12 }]);
}

async function expectGadget(dataSource: DataSource): Promise<void> {
    const rows = await dataSource.query<Record<string, unknown>[]>(
        "SELECT `stock`, `label`, `description`, ST_AsText(`spot`) AS `spot`, `size`, `price`, `weight` FROM `gadget`",
    );
    expect(rows).to.deep.equal([
        { stock: 7, label: "Caf\u00e9 label", description: "a small gadget", spot: "POINT(1 2)", size: "small", price: "12.50", weight: 300 },
    ]);
}

async function expectPart(dataSource: DataSource, version: number): Promise<void> {
    const sql = version === 0 ? "SELECT `name` AS `title`, `gadgetId` FROM `part`" : "SELECT `title`, `gadgetId` FROM `component`";
    expect(await dataSource.query(sql)).to.deep.equal([{ title: "wheel", gadgetId: 1 }]);
}

for (const harness of mysqlHarnesses) {
    const steps = versionsFor(harness.name as "mysql" | "mariadb").map((version) => ({
        id: version.id,
        build: (options: Parameters<typeof buildBlogDataSource>[1]) => buildBlogDataSource([...version.entities], options),
        renames: version.renames?.(""),
    }));
    describeVersionSteps("the MySQL kitchen sink, v1 → v2 → v3", harness, steps, {
        afterUpgrade: async (index, dataSource) => {
            if (index === 0) await writeRows(dataSource);
            await expectGadget(dataSource);
            await expectPart(dataSource, index);
            await expectOdd(dataSource, index);
            await expectVouchers(dataSource, index);
            if (harness.name !== "mariadb") return;
            if (index === 1) await dataSource.query("INSERT INTO `stocktake` (`counted`) VALUES (4)");
            await expectStocktake(dataSource, index);
        },
        afterDowngrade: async (index, dataSource) => {
            if (index < 0) return;
            await expectGadget(dataSource);
            await expectPart(dataSource, index);
            await expectOdd(dataSource, index);
            await expectVouchers(dataSource, index);
        },
    });
}
