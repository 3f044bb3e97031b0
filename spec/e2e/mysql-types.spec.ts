import { expect } from "chai";
import type { DataSource } from "typeorm";
import { buildBlogDataSource } from "../../fixtures/blog/build-data-source";
import { SampleV1, SampleV2 } from "../../fixtures/kitchen-sink/mysql/types";
import { mysqlHarnesses } from "../support/dialect-harness";
import { describeVersionSteps } from "../support/version-steps";

// TypeORM's type mapping on both MySQL drivers (uuid, json, simple-*, set, year, time precision,
// blobs), each version equal to synchronize()'s catalog, and the values kept across v2's
// retyping (varchar → decimal, double → decimal, char → varchar, year → smallint, ...).

const steps = [
    { id: "types001", build: (options: Parameters<typeof buildBlogDataSource>[1]) => buildBlogDataSource([SampleV1], options) },
    { id: "types002", build: (options: Parameters<typeof buildBlogDataSource>[1]) => buildBlogDataSource([SampleV2], options) },
];

const SELECT = "SELECT `amount`, `ratio`, `code`, `year`, `level`, `colors`, `big` FROM `sample`";

async function expectRow(dataSource: DataSource, version: number): Promise<void> {
    const [row] = await dataSource.query<Record<string, unknown>[]>(SELECT);
    const v1 = { amount: "12.50", ratio: 0.25, code: "ab", year: 2024, level: 3, colors: "red,blue", big: "9007199254740993" };
    const v2 = { ...v1, ratio: "0.2500" };
    expect(row).to.deep.equal(version === 0 ? v1 : v2);
}

for (const harness of mysqlHarnesses) {
    describeVersionSteps("MySQL column types, v1 → v2", harness, steps, {
        afterUpgrade: async (index, dataSource) => {
            if (index === 0) {
                await dataSource.query(
                    "INSERT INTO `sample` (`id`, `amount`, `ratio`, `code`, `year`, `level`, `colors`, `big`) " +
                        "VALUES ('0b7c5a1e-4f3e-4c2a-9d1b-2a6f0e9c7d11', '12.50', 0.25, 'ab', 2024, 3, 'red,blue', 9007199254740993)",
                );
            }
            await expectRow(dataSource, index);
        },
        afterDowngrade: async (index, dataSource) => {
            if (index >= 0) await expectRow(dataSource, index);
        },
    });
}
