import { expect } from "chai";
import { Column, DefaultNamingStrategy, Entity, EntitySchema, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";
import { EntityMetadataBuilder } from "typeorm/metadata-builder/EntityMetadataBuilder";
import fc from "fast-check";
import { pieceReading } from "../../lib/entities/piece-reading";
import { readSchema, readSchemaInPieces } from "../../lib/entities/read-schema";
import { UnitCache } from "../../lib/store/unit-cache";
import { entities as blogV1 } from "../../fixtures/blog/v1/entities";
import { versions as postgresSink } from "../../fixtures/kitchen-sink/postgres";
import { versionsFor as mysqlSink } from "../../fixtures/kitchen-sink/mysql";
import { versions as sqliteSink } from "../../fixtures/kitchen-sink/sqlite";
import { entitySchemasOf, entitySetArbitrary } from "../support/entity-schema-arbitrary";
import { propertyRuns } from "../support/property-runs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { offlineDataSource, readBothWays, readThroughCache } from "../support/read-both-ways";

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

    describe("with what earlier reads kept (UnitCache)", () => {
        let folder: string;
        beforeEach(() => (folder = mkdtempSync(join(tmpdir(), "tm-units-"))));
        afterEach(() => rmSync(folder, { recursive: true, force: true }));

        const byDialect = [
            { dialect: "postgres", versions: postgresSink.map((v) => () => offlineDataSource("postgres", v.entities)) },
            { dialect: "better-sqlite3", versions: sqliteSink.map((v) => () => offlineDataSource("better-sqlite3", v.entities)) },
            { dialect: "mariadb", versions: mysqlSink("mariadb").map((v) => () => offlineDataSource("mariadb", v.entities)) },
        ];
        for (const { dialect, versions } of byDialect) {
            // The versions change columns, relations and constraints of entities that keep their names.
            it(`kitchen sink on ${dialect}: each version, forwards then back through one file, reads what the whole build reads`, async () => {
                const file = join(folder, "units.jsonl");
                const order = [...versions.keys(), ...[...versions.keys()].reverse()];
                let reused = 0;
                for (const at of order) {
                    const { whole } = await readBothWays(versions[at], 1);
                    const { first, again, found, added } = await readThroughCache(versions[at], 1, file);
                    expect(JSON.stringify(first), `version ${at + 1}, first read`).to.equal(JSON.stringify(whole));
                    expect(JSON.stringify(again), `version ${at + 1}, read again`).to.equal(JSON.stringify(whole));
                    expect(added, `version ${at + 1} read again: units built`).to.equal(0);
                    reused += found;
                }
                expect(reused).to.be.greaterThan(0);
            });
        }

        it("a naming strategy or an option changed is another key: nothing read with the old one is taken", async () => {
            const file = join(folder, "units.jsonl");
            const entities = postgresSink[postgresSink.length - 1].entities;
            class Prefixed extends DefaultNamingStrategy {
                override primaryKeyName(table: unknown, columns: string[]): string {
                    return `pk_${super.primaryKeyName(table as never, columns)}`;
                }
            }
            const variants = [
                () => offlineDataSource("postgres", entities),
                () => offlineDataSource("postgres", entities, { namingStrategy: new Prefixed() }),
                () => offlineDataSource("postgres", entities, { schema: "app" }),
                () => offlineDataSource("postgres", entities, { entityPrefix: "app_" }),
            ];
            const wholes = new Set<string>();
            for (const make of variants) {
                const { whole } = await readBothWays(make, 1);
                wholes.add(JSON.stringify(whole));
                const cache = UnitCache.atFile(file);
                const read = await readSchemaInPieces(make(), {}, 1, 1, cache);
                expect(JSON.stringify(read)).to.equal(JSON.stringify(whole));
                expect(cache.counts.found).to.equal(0);
            }
            expect(wholes.size).to.equal(variants.length);
        });

        it("a unit whose own arguments are unchanged is read again when an entity it points at changed", async () => {
            const file = join(folder, "units.jsonl");
            const make = (idType: string) => () =>
                offlineDataSource("postgres", [
                    new EntitySchema({ name: "Owner", columns: { id: { type: idType as "int", primary: true } } }),
                    new EntitySchema<{ id: number; owner: object }>({
                        name: "Pet",
                        columns: { id: { type: Number, primary: true } },
                        relations: { owner: { type: "many-to-one", target: "Owner" } },
                    }),
                ]);
            for (const idType of ["int", "bigint", "int"]) {
                const { whole } = await readBothWays(make(idType), 1);
                const read = await readSchemaInPieces(make(idType)(), {}, 1, 1, UnitCache.atFile(file));
                expect(JSON.stringify(read)).to.equal(JSON.stringify(whole));
                expect(read?.columns.find((c) => c.table === "pet" && c.name === "ownerId")?.type).to.equal(idType === "int" ? "integer" : "bigint");
            }
        });

        it("a column default given by a function is read for what it returns now", async () => {
            const file = join(folder, "units.jsonl");
            let currency = "EUR";
            const make = () =>
                offlineDataSource("postgres", [
                    new EntitySchema({
                        name: "Price",
                        columns: { id: { type: Number, primary: true }, currency: { type: String, default: () => `'${currency}'` } },
                    }),
                ]);
            const before = await readSchemaInPieces(make(), {}, 1, 1, UnitCache.atFile(file));
            currency = "USD";
            const after = await readSchemaInPieces(make(), {}, 1, 1, UnitCache.atFile(file));
            expect(before?.columns.find((c) => c.name === "currency")?.default).to.equal("'EUR'");
            expect(after?.columns.find((c) => c.name === "currency")?.default).to.equal("'USD'");
        });
    });

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

        /** How many entities each of TypeORM's builds was given while `read` ran. */
        async function builds<T>(read: () => Promise<T>): Promise<{ result: T; sizes: number[] }> {
            const proto = EntityMetadataBuilder.prototype;
            // eslint-disable-next-line @typescript-eslint/unbound-method -- called back with its builder as `this`
            const build = proto.build;
            const sizes: number[] = [];
            proto.build = function (this: EntityMetadataBuilder, classes?: Parameters<typeof build>[0]) {
                sizes.push(classes?.length ?? -1);
                return build.call(this, classes);
            };
            try {
                return { result: await read(), sizes };
            } finally {
                proto.build = build;
            }
        }

        it("reads in pieces what it reads whole", async () => {
            const make = () => offlineDataSource("postgres", postgresSink[2].entities);
            const pieced = await builds(() => readSchema(make()));
            expect(Math.max(...pieced.sizes)).to.be.lessThan(postgresSink[2].entities.length);
            Object.assign(pieceReading, { minEntities: Infinity });
            const whole = await builds(() => readSchema(make()));
            expect(whole.sizes).to.deep.equal([postgresSink[2].entities.length, -1]);
            expect(JSON.stringify(pieced.result)).to.equal(JSON.stringify(whole.result));
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

    describe("entity sets made for the cut's edge cases", () => {
        /** A decorated class made at run time, so that each test has its own names. */
        const entity = (name: string, table?: string, primary = true): new () => object => {
            const made = { [name]: class {} }[name];
            Entity(table)(made);
            if (primary) PrimaryGeneratedColumn()(made.prototype, "id");
            return made;
        };
        /** What property decorators are applied to. */
        const on = (made: new () => object): object => made.prototype as object;
        const type = (schema: { columns: readonly { table: string; name: string; type: string }[] }, table: string, name: string) =>
            schema.columns.find((column) => column.table === table && column.name === name)?.type;

        it("a relation named by a string that two tables answer to (a class name, another's table name) is not cut", async () => {
            const Legacy = entity("PcLegacy", "PcBar");
            const Bar = entity("PcBar", "pc_bar");
            const Holder = entity("PcHolder", "pc_holder");
            ManyToOne("PcBar")(on(Holder), "bar");
            const make = () => offlineDataSource("postgres", [Legacy, Bar, Holder]);
            expect(await readSchemaInPieces(make(), {}, 1)).to.equal(null);
            const whole = await readSchema(make());
            // TypeORM takes the first entity answering to the name: the table named PcBar.
            expect(whole.foreignKeys.map((fk) => [fk.table, fk.referencedTable])).to.deep.equal([["pc_holder", "PcBar"]]);
        });

        it("a stand-in whose embedded has a relation out of the piece is cut, and reads as the whole build", async () => {
            const User = entity("PcUser");
            class PcAudit {}
            ManyToOne(() => User)(on(PcAudit), "createdBy");
            const Order = entity("PcOrder");
            Column(() => PcAudit)(on(Order), "audit");
            const Line = entity("PcLine");
            ManyToOne(() => Order)(on(Line), "order");
            const { whole, pieced } = await readBothWays(() => offlineDataSource("postgres", [User, Order, Line]), 1);
            expect(pieced).not.to.equal(null);
            expect(JSON.stringify(pieced)).to.equal(JSON.stringify(whole));
        });

        it("a stand-in that reads differently from its entity (a primary column typed by its relation) is caught, and the set read whole", async () => {
            const Target = entity("PcTarget", undefined, false);
            PrimaryColumn({ type: "uuid" })(on(Target), "id");
            const Keyed = entity("PcKeyed", undefined, false);
            PrimaryColumn({ type: "int" })(on(Keyed), "targetId");
            OneToOne(() => Target)(on(Keyed), "target");
            JoinColumn({ name: "targetId" })(on(Keyed), "target");
            const Pointing = entity("PcPointing");
            ManyToOne(() => Keyed)(on(Pointing), "keyed");
            const make = () => offlineDataSource("postgres", [Pointing, Keyed, Target]);
            // As a stand-in, without its relation, Keyed's key would read as int, and so would the column pointing at it.
            expect(await readSchemaInPieces(make(), {}, 1)).to.equal(null);
            expect(type(await readSchema(make()), "pc_pointing", "keyedTargetId")).to.equal("uuid");
        });

        it("an entity TypeORM's validation refuses in a piece fails with TypeORM's own error, as a whole build does", async () => {
            const Keyless = entity("PcKeyless", undefined, false);
            Column({ type: "text" })(on(Keyless), "name");
            const make = () => offlineDataSource("postgres", [entity("PcOther"), Keyless]);
            const failure = (promise: Promise<unknown>) =>
                promise.then(
                    () => "read",
                    (error: Error) => error.message,
                );
            const saved = { ...pieceReading };
            Object.assign(pieceReading, { minEntities: 0, pieceSize: 1 });
            try {
                const pieced = await failure(readSchema(make()));
                Object.assign(pieceReading, { minEntities: Infinity });
                expect(pieced).to.equal(await failure(readSchema(make())));
                expect(pieced).to.match(/primary column/i);
            } finally {
                Object.assign(pieceReading, saved);
            }
        });
    });
});
