import { expect } from "chai";
import { getMetadataArgsStorage } from "typeorm";
import { MetadataArgsStorage } from "typeorm/metadata-args/MetadataArgsStorage";
import { EntitySchemaTransformer } from "typeorm/entity-schema/EntitySchemaTransformer";
import { wholeZoo } from "../../fixtures/zoo";
import "../../fixtures/blog/v1";
import "../../fixtures/blog/v2";
import "../../fixtures/kitchen-sink/mysql/v1";
import { withIndexedMetadataArgs } from "../../lib/typeorm";

// The storage's lookups by target, called as TypeORM's builder calls them (one target or a chain).
const lookups = [
    "filterTables",
    "filterColumns",
    "filterRelations",
    "filterRelationIds",
    "filterIndices",
    "filterForeignKeys",
    "filterUniques",
    "filterChecks",
    "filterExclusions",
    "filterListeners",
    "filterEmbeddeds",
] as const;
type Lookup = (target: unknown) => unknown;
type Target = MetadataArgsStorage["tables"][number]["target"];

/** What `target` inherits from, as TypeORM walks an inheritance chain. */
const parentOf = (target: Target) => Object.getPrototypeOf(target) as Target;

/** Every lookup for every target (and each inheritance chain) of `storage`, as TypeORM answers it. */
function answers(storage: MetadataArgsStorage): unknown[] {
    const targets = [...new Set(storage.tables.map((t) => t.target))];
    const chains = targets.map((target) => (typeof target === "function" ? [target, parentOf(target)] : [target]));
    // A class listed twice: exported by its own module and again by an index module the entity glob loads.
    const listedTwice = targets.map((target) => [target, target]);
    const byTarget = [...targets, ...chains, ...listedTwice].flatMap((target) => lookups.map((name) => (storage[name] as Lookup).call(storage, target)));
    const properties = [...storage.columns, ...storage.relations].map((c) => [c.target, c.propertyName] as const);
    const byProperty = properties.flatMap(([target, property]) => [
        storage.findGenerated(target, property),
        storage.findJoinTable(target, property),
        storage.filterJoinColumns(target, property),
        storage.findGenerated([target, parentOf(target)], property),
    ]);
    const firsts = targets.flatMap((target) => [storage.findInheritanceType(target), storage.findDiscriminatorValue(target)]);
    return [...byTarget, ...byProperty, ...firsts];
}

describe("indexed MetadataArgsStorage lookups", () => {
    const storages = () => [
        getMetadataArgsStorage(),
        new EntitySchemaTransformer().transform(wholeZoo("postgres").entities.filter((e) => typeof e !== "function")),
    ];

    it("answer every lookup with the same items in the same order as TypeORM's scans", async () => {
        const [decorated, fromSchemas] = storages();
        expect([decorated.tables.length > 20, fromSchemas.tables.length > 0]).to.deep.equal([true, true]);
        for (const storage of [decorated, fromSchemas]) {
            const plain = answers(storage);
            const indexed = await withIndexedMetadataArgs(async () => answers(storage));
            expect(indexed).to.have.length(plain.length);
            indexed.forEach((answer, i) => expect(answer).to.deep.equal(plain[i]));
        }
    });

    it("restore TypeORM's own methods afterwards", async () => {
        /* eslint-disable @typescript-eslint/unbound-method -- the methods are compared by identity, never called */
        const before = MetadataArgsStorage.prototype.filterIndices;
        await withIndexedMetadataArgs(async () => expect(MetadataArgsStorage.prototype.filterIndices).not.to.equal(before));
        expect(MetadataArgsStorage.prototype.filterIndices).to.equal(before);
        /* eslint-enable @typescript-eslint/unbound-method */
    });
});
