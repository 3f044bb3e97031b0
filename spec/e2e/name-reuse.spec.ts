import { expect } from "chai";
import type { DataSource } from "typeorm";
import { buildBlogDataSource } from "../../fixtures/blog/build-data-source";
import { nameReuseVersions } from "../../fixtures/name-reuse/versions";
import { harnesses, mysqlHarnesses } from "../support/dialect-harness";
import { describeVersionSteps } from "../support/version-steps";

// Issue 11, section 5, name reuse: v1 alpha.x has IDX_shared, beta.y IDX_old; v2 drops alpha's and
// renames beta's to IDX_shared (the rename used to come first: "already exists"); v3 gives alpha
// the name beta gave up; v4 swaps the two tables' names. The same for unique constraints. Each
// step upgrades to what synchronize() builds and each down comes back, with the rows kept.

for (const harness of [...harnesses, ...mysqlHarnesses]) {
    const quote = (name: string) => (harness.name === "mysql" || harness.name === "mariadb" ? `\`${name}\`` : `"${name}"`);
    const rows = async (dataSource: DataSource) => ({
        alpha: await dataSource.query<Record<string, unknown>[]>(`SELECT ${quote("x")}, ${quote("z")} FROM ${quote("alpha")} ORDER BY ${quote("id")}`),
        beta: await dataSource.query<Record<string, unknown>[]>(`SELECT ${quote("y")}, ${quote("w")} FROM ${quote("beta")} ORDER BY ${quote("id")}`),
    });
    const expected = {
        alpha: [
            { x: 1, z: 10 },
            { x: 2, z: 20 },
        ],
        beta: [
            { y: 3, w: 30 },
            { y: 4, w: 40 },
        ],
    };
    describeVersionSteps(
        "index and unique names moved between tables, reused and swapped",
        harness,
        nameReuseVersions.map((entities, i) => ({
            id: `reuse000${i + 1}`,
            build: (options) => buildBlogDataSource(entities, options),
        })),
        {
            async afterUpgrade(index, dataSource) {
                if (index === 0) {
                    await dataSource.query(`INSERT INTO ${quote("alpha")} (${quote("x")}, ${quote("z")}) VALUES (1, 10), (2, 20)`);
                    await dataSource.query(`INSERT INTO ${quote("beta")} (${quote("y")}, ${quote("w")}) VALUES (3, 30), (4, 40)`);
                }
                expect(await rows(dataSource)).to.deep.equal(expected);
            },
            async afterDowngrade(index, dataSource) {
                if (index >= 0) expect(await rows(dataSource)).to.deep.equal(expected);
            },
        },
    );
}
