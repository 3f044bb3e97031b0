import { expect } from "chai";
import { buildBlogDataSource } from "../../fixtures/blog/build-data-source";
import { Booking, BookingV2 } from "../../fixtures/exclusions/entities";
import { postgresHarness } from "../support/dialect-harness";
import { describeVersionSteps } from "../support/version-steps";

describeVersionSteps(
    "exclusion constraints (btree_gist included)",
    postgresHarness,
    [
        { id: "excl0001", build: (o) => buildBlogDataSource([Booking], o) },
        { id: "excl0002", build: (o) => buildBlogDataSource([BookingV2], o) },
    ],
    {
        async afterUpgrade(index, dataSource) {
            if (index !== 1) return;
            await dataSource.query(`INSERT INTO "booking" ("room", "floor", "from", "to") VALUES ('A', 1, '2026-01-01 10:00', '2026-01-01 12:00')`);
            let error: unknown;
            await dataSource
                .query(`INSERT INTO "booking" ("room", "floor", "from", "to") VALUES ('A', 1, '2026-01-01 11:00', '2026-01-01 13:00')`)
                .catch((e: unknown) => {
                    error = e;
                });
            expect(String(error)).to.match(/conflicting key value violates exclusion constraint/);
        },
    },
);
