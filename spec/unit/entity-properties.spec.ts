import "reflect-metadata";
import { expect } from "chai";
import fc from "fast-check";
import { DataSource } from "typeorm";
import { applyOps } from "../../lib/diff/apply";
import { diff } from "../../lib/diff/diff";
import { invertOps } from "../../lib/diff/invert";
import { dialectModule } from "../../lib/dialects/registry";
import { readSchema } from "../../lib/entities/read-schema";
import { renderStatements } from "../../lib/render/statements";
import type { Schema } from "../../lib/schema/model";
import { entitySchemasOf, entitySetArbitrary, type EntityDialect, type EntitySet } from "../support/entity-schema-arbitrary";
import { propertyRuns } from "../support/property-runs";
import { sameSchema } from "../support/schema-arbitrary";

// The reader and the differ together: random TypeORM entities, read offline, diffed both ways.

const offlineDataSource = (dialect: EntityDialect, set: EntitySet): DataSource =>
    new DataSource({ type: dialect, database: dialect === "postgres" ? "unused" : ":memory:", entities: entitySchemasOf(set) });

/** Which of the arbitrary's features a schema shows, by name. */
function featuresOf(schema: Schema): string[] {
    return [
        schema.indexes.some((i) => i.where !== null) && "partial index",
        schema.indexes.some((i) => i.unique) && "unique index",
        schema.uniques.some((u) => u.columns.length > 1) && "composite unique",
        schema.checks.length > 0 && "check",
        schema.tables.some((t) => t.table.includes("_tags_")) && "many-to-many",
        schema.foreignKeys.some((f) => f.onDelete === "CASCADE") && "cascade",
        schema.foreignKeys.some((f) => f.onDelete === "SET NULL") && "set null",
        schema.columns.some((c) => c.default !== null && !c.primary) && "default",
        schema.columns.some((c) => c.comment !== null) && "comment",
        schema.columns.some((c) => c.primary && c.generated === "uuid") && "uuid primary key",
        schema.enums.length > 0 && "enum type",
    ].filter((feature): feature is string => feature !== false);
}

const read = (dialect: EntityDialect, set: EntitySet): Promise<Schema> => readSchema(offlineDataSource(dialect, set));

for (const dialect of ["postgres", "better-sqlite3"] as const) {
    const entities = entitySetArbitrary(dialect);

    describe(`entity properties on ${dialect} (random EntitySchemas through the reader)`, () => {
        it("reading the same entities twice gives identical JSON", async () => {
            await fc.assert(
                fc.asyncProperty(entities, async (set) => {
                    expect(JSON.stringify(await read(dialect, set))).to.equal(JSON.stringify(await read(dialect, set)));
                }),
                propertyRuns(100),
            );
        });

        it("a schema read from entities never differs from itself", async () => {
            await fc.assert(
                fc.asyncProperty(entities, async (set) => {
                    const schema = await read(dialect, set);
                    expect(diff(schema, schema).map((op) => op.reasons)).to.deep.equal([]);
                }),
                propertyRuns(100),
            );
        });

        it("applying diff(A, B) to A gives B, and the inverted ops take B back to A", async () => {
            await fc.assert(
                fc.asyncProperty(entities, entities, async (a, b) => {
                    const [schemaA, schemaB] = [await read(dialect, a), await read(dialect, b)];
                    const ops = diff(schemaA, schemaB);
                    expect(sameSchema(applyOps(schemaA, ops), schemaB), "apply(A, diff(A, B)) = B").to.equal(true);
                    expect(sameSchema(applyOps(schemaB, invertOps(ops)), schemaA), "apply(B, invert(diff(A, B))) = A").to.equal(true);
                }),
                propertyRuns(300),
            );
        });

        it("the random entities reach the features they are meant to (a guard on the arbitrary itself)", async () => {
            const seen = new Set<string>();
            for (const [a, b] of fc.sample(fc.tuple(entities, entities), { numRuns: 150, seed: 1 })) {
                const [schemaA, schemaB] = [await read(dialect, a), await read(dialect, b)];
                for (const feature of featuresOf(schemaA)) seen.add(feature);
                for (const op of diff(schemaA, schemaB)) seen.add(op.kind);
            }
            const expected = [
                "partial index",
                "unique index",
                "composite unique",
                "check",
                "many-to-many",
                "cascade",
                "set null",
                "default",
                "comment",
                "createTable",
                "dropTable",
                "addColumn",
                "dropColumn",
                "alterColumn",
                "addForeignKey",
                "dropForeignKey",
                "createIndex",
                "addCheck",
                ...(dialect === "postgres" ? ["uuid primary key", "enum type", "alterEnum"] : []),
            ];
            expect(expected.filter((feature) => !seen.has(feature))).to.deep.equal([]);
        });

        it("both directions render to SQL without throwing", async () => {
            await fc.assert(
                fc.asyncProperty(entities, entities, async (a, b) => {
                    const [schemaA, schemaB] = [await read(dialect, a), await read(dialect, b)];
                    const ops = diff(schemaA, schemaB);
                    const sql = dialectModule(schemaA.dialect);
                    renderStatements(sql, schemaA, ops);
                    renderStatements(sql, applyOps(schemaA, ops), invertOps(ops));
                }),
                propertyRuns(300),
            );
        });
    });
}
