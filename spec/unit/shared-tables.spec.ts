import { expect } from "chai";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildBlogDataSource } from "../../fixtures/blog/build-data-source";
import type { EntityClass } from "../../fixtures/entity-class";
import { indexesInTwoOrders, uniquesInTwoOrders } from "../../fixtures/differ-gaps/index-column-order";
import { ConflictingMetadataError } from "../../lib/entities/errors";
import { readSchema } from "../../lib/entities/read-schema";

// Two indexes on one entity that differ only in column order get one TypeORM name: the reader
// refuses them with a message that says so and how to fix it. (Decorators apply bottom up, so the
// lower one is met first.)

describe("the reader on two indexes (or uniques) that get the same name", () => {
    const dialects = [
        ["postgres", (entities: EntityClass[]) => buildBlogDataSource(entities, { type: "postgres", database: "unused" })],
        ["sqlite", (entities: EntityClass[]) => buildBlogDataSource(entities, { type: "better-sqlite3", database: join(tmpdir(), "tm-gaps-unused.sqlite") })],
    ] as const;
    const refusal = async (read: Promise<unknown>): Promise<Error> => {
        try {
            await read;
        } catch (error) {
            return error as Error;
        }
        throw new Error("readSchema accepted the entities");
    };

    for (const [name, build] of dialects) {
        it(`names the table, the name and the fix for indexes, on ${name}`, async () => {
            const error = await refusal(readSchema(build(indexesInTwoOrders)));
            expect(error).to.be.instanceOf(ConflictingMetadataError);
            expect(error.message).to.match(
                /^Seat: two indexes on table "gaps_seat" get the same name "IDX_[0-9a-f]+" \(columns \["number","row"\] and \["row","number"\]: the same columns in a different order, which TypeORM's default name does not tell apart\); give one of them an explicit name, e\.g\. @Index\("IDX_gaps_seat_row_number", \["row", "number"\]\)$/,
            );
            expect(error.message).not.to.include("both map to");
        });

        it(`does the same for uniques, on ${name}`, async () => {
            const error = await refusal(readSchema(build(uniquesInTwoOrders)));
            expect(error).to.be.instanceOf(ConflictingMetadataError);
            expect(error.message).to.match(
                /^Booth: two uniques on table "gaps_booth" get the same name "UQ_[0-9a-f]+" \(columns \["code","hall"\] and \["hall","code"\]: .*\); give one of them an explicit name, e\.g\. @Unique\("UQ_gaps_booth_hall_code", \["hall", "code"\]\)$/,
            );
        });
    }
});
