import { expect } from "chai";
import { buildBlogDataSource } from "../../fixtures/blog/build-data-source";
import { retypedPredicatesDecimal, retypedPredicatesInt } from "../../fixtures/differ-gaps/retyped-predicates";
import { harnesses } from "../support/dialect-harness";
import { describeVersionSteps } from "../support/version-steps";

// PostgreSQL re-parses a CHECK and an index predicate when a column they name changes type, and
// keeps the casts that adds: after int → numeric → int the check would read
// ((price)::numeric >= (0)::numeric) instead of synchronize()'s (price >= 0). The differ drops and
// re-adds them around the type change, so each step (and each down) equals synchronize()'s catalog.

for (const harness of harnesses) {
    describeVersionSteps(
        "a check and a partial index naming a column whose type changes, int → decimal → int",
        harness,
        [
            { id: "gapsrp01", build: (o) => buildBlogDataSource(retypedPredicatesInt, o) },
            { id: "gapsrp02", build: (o) => buildBlogDataSource(retypedPredicatesDecimal, o) },
            { id: "gapsrp03", build: (o) => buildBlogDataSource(retypedPredicatesInt, o) },
        ],
        {
            async afterUpgrade(index, dataSource) {
                if (index === 0) await dataSource.query(`INSERT INTO "gaps_book" ("title", "price") VALUES ('Dune', 12)`);
                expect(await dataSource.query(`SELECT "title", "price" FROM "gaps_book"`)).to.have.length(1);
            },
            async afterDowngrade(index, dataSource) {
                if (index >= 0)
                    expect(
                        (await dataSource.query<{ price: unknown }[]>(`SELECT "title", "price" FROM "gaps_book"`)).map((row) => Number(row.price)),
                    ).to.deep.equal([12]);
            },
        },
    );
}
