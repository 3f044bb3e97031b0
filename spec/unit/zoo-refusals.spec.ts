import { expect } from "chai";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import type { ZooEntity } from "../../fixtures/zoo";
import { buildZooDataSource } from "../../fixtures/zoo/build-data-source";
import { unsupported } from "../../fixtures/zoo/unsupported";
import { ConflictingMetadataError, UnsupportedMetadataError } from "../../lib/entities/errors";
import { readSchema } from "../../lib/entities/read-schema";

// Entity sets the model cannot hold (fixtures/zoo/unsupported.ts): the reader stops with a typed
// error naming the entity, rather than a migration that builds something synchronize() would not.

describe("zoo: what the reader refuses, loudly, naming the entity", () => {
    const onPostgres = (entities: readonly ZooEntity[], options: Record<string, unknown> = {}) =>
        buildZooDataSource(entities, { type: "postgres", database: "unused", ...options });
    const onSqlite = (entities: readonly ZooEntity[], options: Record<string, unknown> = {}) =>
        buildZooDataSource(entities, { type: "better-sqlite3", database: join(tmpdir(), "tm-zoo-unused.sqlite"), ...options });
    const refusal = async (dataSource: DataSource): Promise<Error> => {
        try {
            await readSchema(dataSource);
        } catch (error) {
            return error as Error;
        }
        throw new Error("readSchema accepted the entities");
    };

    for (const [name, build] of [
        ["postgres", onPostgres],
        ["sqlite", onSqlite],
    ] as const) {
        it(`ON DELETE "DEFAULT", which TypeORM writes as invalid SQL, on ${name}`, async () => {
            const error = await refusal(build(unsupported.defaultAction));
            expect(error).to.be.instanceOf(UnsupportedMetadataError);
            expect(error.message).to.match(/^PetWithDefaultAction: .*\(ownerId\).*ON DELETE "DEFAULT".*SET DEFAULT/);
        });

        it(`two entities on one table declaring a column differently, on ${name}`, async () => {
            const error = await refusal(build(unsupported.conflictingSharedTable));
            expect(error).to.be.instanceOf(ConflictingMetadataError);
            expect(error.message).to.match(/^SharedA and SharedB both map to table "zoo_x_shared" but declare column "label" differently \(type: /);
        });

        it(`a metadataTableName other than typeorm_metadata when a view needs a row, on ${name}`, async () => {
            const error = await refusal(build(unsupported.view, { metadataTableName: "zoo_x_meta" }));
            expect(error).to.be.instanceOf(UnsupportedMetadataError);
            expect(error.message).to.match(/^metadataTableName "zoo_x_meta" .*VIEW zoo_x_high_scores/);
        });
    }

    it("a SQLite table in an attached database", async () => {
        const error = await refusal(onSqlite(unsupported.attachedDatabase));
        expect(error).to.be.instanceOf(UnsupportedMetadataError);
        expect(error.message).to.equal(`Attached: tables in another database ("other.sqlite") are not supported`);
    });
});
