import { expect } from "chai";
import { buildBlogDataSource } from "../../fixtures/blog/build-data-source";
import { Place, PlaceV2 } from "../../fixtures/spatial/entities";
import { postgresHarness } from "../support/dialect-harness";
import { describeVersionSteps } from "../support/version-steps";

const pointsOf = (dataSource: { query(sql: string): Promise<unknown> }) => dataSource.query(`SELECT ST_AsText("location") AS "wkt" FROM "place"`);

describeVersionSteps(
    "spatial columns and indexes (PostGIS)",
    postgresHarness,
    [
        { id: "geo00001", build: (o) => buildBlogDataSource([Place], o) },
        { id: "geo00002", build: (o) => buildBlogDataSource([PlaceV2], o) },
    ],
    {
        async afterUpgrade(index, dataSource) {
            if (index === 0) await dataSource.query(`INSERT INTO "place" ("location") VALUES (ST_SetSRID(ST_MakePoint(2.35, 48.85), 4326))`);
            expect(await pointsOf(dataSource)).to.deep.equal([{ wkt: "POINT(2.35 48.85)" }]);
        },
        async afterDowngrade(index, dataSource) {
            if (index === 0) expect(await pointsOf(dataSource)).to.deep.equal([{ wkt: "POINT(2.35 48.85)" }]);
        },
    },
);
