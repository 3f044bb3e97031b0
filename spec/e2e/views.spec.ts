import { expect } from "chai";
import { buildBlogDataSource } from "../../fixtures/blog/build-data-source";
import { entities as v1 } from "../../fixtures/views/v1";
import { entities as v2 } from "../../fixtures/views/v2";
import { harnesses } from "../support/dialect-harness";
import { describeVersionSteps } from "../support/version-steps";

for (const harness of harnesses) {
    describeVersionSteps(
        "views: a column under a view changes type, and a view depends on another",
        harness,
        [
            { id: "views001", build: (o) => buildBlogDataSource(v1, o) },
            { id: "views002", build: (o) => buildBlogDataSource(v2, o) },
        ],
        {
            async afterUpgrade(index, dataSource) {
                if (index === 0) await dataSource.query(`INSERT INTO "product" ("name") VALUES ('kept')`);
                expect(await dataSource.query(`SELECT "name" FROM "product_names"`)).to.deep.equal([{ name: "kept" }]);
            },
            async afterDowngrade(index, dataSource) {
                if (index === 0) expect(await dataSource.query(`SELECT "name" FROM "product_names"`)).to.deep.equal([{ name: "kept" }]);
            },
        },
    );
}
