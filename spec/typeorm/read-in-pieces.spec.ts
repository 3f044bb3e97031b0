import { expect } from "chai";
import fc from "fast-check";
import { pieceReading, readSchema, readSchemaInPieces } from "../../lib/entities/read-schema";
import { entities as blogV1 } from "../../fixtures/blog/v1/entities";
import { versions as postgresSink } from "../../fixtures/kitchen-sink/postgres";
import { versionsFor as mysqlSink } from "../../fixtures/kitchen-sink/mysql";
import { versions as sqliteSink } from "../../fixtures/kitchen-sink/sqlite";
import { entitySchemasOf, entitySetArbitrary } from "../support/entity-schema-arbitrary";
import { propertyRuns } from "../support/property-runs";
import { offlineDataSource, readBothWays } from "../support/read-both-ways";

// Large entity sets have TypeORM build their metadata a piece at a time, with the entities a piece
// points at built as stand-ins. Whatever the cut, the schema read must be the whole build's, on
// TypeORM 0.3 and 1.x (this folder runs on both). The zoo's sets: spec/unit/read-in-pieces-zoo.spec.ts.

const sinks = [
    ...postgresSink.map((version) => ({ name: `kitchen sink ${version.id} on postgres`, make: () => offlineDataSource("postgres", version.entities) })),
    ...sqliteSink.map((version) => ({
        name: `kitchen sink ${version.id} on better-sqlite3`,
        make: () => offlineDataSource("better-sqlite3", version.entities),
    })),
    ...mysqlSink("mariadb").map((version) => ({ name: `kitchen sink ${version.id} on mariadb`, make: () => offlineDataSource("mariadb", version.entities) })),
];

describe("reading a large entity set in pieces", () => {
    for (const { name, make } of sinks) {
        it(`${name}: pieces of 1 and 3 read what the whole build reads`, async () => {
            for (const size of [1, 3]) {
                const { whole, pieced } = await readBothWays(make, size);
                expect(pieced, `not cut into pieces of ${size}`).not.to.equal(null);
                expect(JSON.stringify(pieced)).to.equal(JSON.stringify(whole));
            }
        });
    }

    for (const dialect of ["postgres", "better-sqlite3"] as const) {
        it(`random EntitySchemas on ${dialect}, cut anywhere, read what the whole build reads`, async () => {
            await fc.assert(
                fc.asyncProperty(entitySetArbitrary(dialect), fc.integer({ min: 1, max: 4 }), async (set, size) => {
                    const { whole, pieced } = await readBothWays(() => offlineDataSource(dialect, entitySchemasOf(set)), size);
                    expect(pieced).not.to.equal(null);
                    expect(JSON.stringify(pieced)).to.equal(JSON.stringify(whole));
                }),
                propertyRuns(60),
            );
        });
    }

    it("a data source that already has its metadata is not cut: its own metadata are read", async () => {
        const built = offlineDataSource("postgres", postgresSink[0].entities);
        await (built as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
        expect(await readSchemaInPieces(built, {}, 2)).to.equal(null);
        expect(built.entityMetadatas.length).to.be.greaterThan(0);
    });

    describe("through readSchema, from pieceReading.minEntities on", () => {
        const saved = { ...pieceReading };
        beforeEach(() => Object.assign(pieceReading, { minEntities: 0, pieceSize: 2 }));
        afterEach(() => Object.assign(pieceReading, saved));

        it("reads in pieces what it reads whole", async () => {
            const make = () => offlineDataSource("postgres", postgresSink[2].entities);
            const pieced = await readSchema(make());
            Object.assign(pieceReading, { minEntities: Infinity });
            expect(JSON.stringify(pieced)).to.equal(JSON.stringify(await readSchema(make())));
        });

        it("an entity set TypeORM refuses fails with TypeORM's own error, as a whole build does", async () => {
            // The blog's Post without the User its relation points at.
            const make = () => offlineDataSource("postgres", blogV1.slice(1));
            const failure = (promise: Promise<unknown>) =>
                promise.then(
                    () => "read",
                    (error: Error) => error.message,
                );
            const pieced = await failure(readSchema(make()));
            Object.assign(pieceReading, { minEntities: Infinity });
            expect(pieced).to.equal(await failure(readSchema(make())));
            expect(pieced).to.match(/Entity metadata for \w+#\w+ was not found/);
        });
    });

    it("another data source's build meanwhile builds as always (decorated classes and EntitySchemas)", async () => {
        const decorated = () => offlineDataSource("postgres", postgresSink[1].entities);
        const schemas = () => offlineDataSource("better-sqlite3", entitySchemasOf(fc.sample(entitySetArbitrary("better-sqlite3"), { numRuns: 1, seed: 7 })[0]));
        const alone = [await readSchema(decorated()), await readSchema(schemas())].map((schema) => JSON.stringify(schema));
        const together = await Promise.all([
            readSchemaInPieces(decorated(), {}, 2),
            readSchema(schemas()),
            readSchema(decorated()),
            readSchemaInPieces(schemas(), {}, 1),
        ]);
        expect(together.map((schema) => JSON.stringify(schema))).to.deep.equal([alone[0], alone[1], alone[0], alone[1]]);
    });
});
