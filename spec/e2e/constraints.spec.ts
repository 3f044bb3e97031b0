import { expect } from "chai";
import { buildBlogDataSource } from "../../fixtures/blog/build-data-source";
import { entities as v1 } from "../../fixtures/constraints/v1";
import { entities as v2 } from "../../fixtures/constraints/v2";
import { entities as v3 } from "../../fixtures/constraints/v3";
import { harnesses } from "../support/dialect-harness";
import { describeVersionSteps } from "../support/version-steps";

for (const harness of harnesses) {
    describeVersionSteps(
        "primary keys, uniques, checks, foreign keys and indexes changing",
        harness,
        [
            { id: "cons0001", build: (o) => buildBlogDataSource(v1, o) },
            { id: "cons0002", build: (o) => buildBlogDataSource(v2, o) },
            { id: "cons0003", build: (o) => buildBlogDataSource(v3, o) },
        ],
        {
            async afterUpgrade(index, dataSource) {
                if (index === 0) {
                    await dataSource.query(`INSERT INTO "warehouse" ("code") VALUES ('north')`);
                    await dataSource.query(`INSERT INTO "item" ("id", "sku", "quantity", "warehouseId") VALUES (1, 'bolt', 5, 1)`);
                }
                expect(await dataSource.query(`SELECT "sku", "quantity" FROM "item"`)).to.deep.equal([{ sku: "bolt", quantity: 5 }]);
            },
            async afterDowngrade(index, dataSource) {
                if (index >= 0) expect(await dataSource.query(`SELECT "sku", "quantity" FROM "item"`)).to.deep.equal([{ sku: "bolt", quantity: 5 }]);
            },
        },
    );
}
