import "reflect-metadata";
import Database from "better-sqlite3";
import { expect } from "chai";
import { DataSource } from "typeorm";
import type { EntityClass } from "../../fixtures/entity-class";
import * as V1 from "../../fixtures/sqlite-synchronize/v1";
import * as V2 from "../../fixtures/sqlite-synchronize/v2";
import { readSchema } from "../../lib/entities/read-schema";
import type { Schema } from "../../lib/schema/model";
import type { Catalog } from "../support/catalog/catalog";
import { diffCatalogs } from "../support/catalog/compare";
import { dumpSqliteCatalog } from "../support/catalog/sqlite";
import { sqliteHarness, synchronizedCatalog } from "../support/dialect-harness";
import { migrateDown, migrateUp, sqliteSchema } from "../support/sqlite-scratch";

// What the blog fixture does not cover, stepped v1 → v2 and compared with synchronize():
// a view and a generated column (typeorm_metadata rows), WITHOUT ROWID, COLLATE, a named
// composite unique, a self-reference, a partial index (fixtures/sqlite-synchronize).

const dataSourceOf = (entities: EntityClass[]) => (options: object) => new DataSource({ type: "better-sqlite3", database: ":memory:", ...options, entities });

describe("sqlite dialect: views, generated columns and table options match synchronize()", () => {
    let db: Database.Database;
    const schemas: Schema[] = [sqliteSchema({})];
    const synchronized: Catalog[] = [];

    before(async () => {
        for (const entities of [V1.entities, V2.entities]) {
            schemas.push(await readSchema(dataSourceOf(entities)({})));
            synchronized.push(await synchronizedCatalog(sqliteHarness, dataSourceOf(entities)));
        }
        db = new Database(":memory:");
    });
    after(() => db?.close());

    const differencesFrom = async (catalog: Catalog) => diffCatalogs(await dumpSqliteCatalog(db), catalog, { a: "migrated", b: "synchronized" });

    it("v1 from nothing", async () => {
        migrateUp(db, schemas[0], schemas[1]);
        expect(await differencesFrom(synchronized[0])).to.deep.equal([]);
        expect(synchronized[0].typeormMetadata).to.have.length(2);
    });

    it("v1 → v2, with rows in the tables", async () => {
        db.exec(`
            INSERT INTO "setting" ("key", "value") VALUES ('theme', 'dark');
            INSERT INTO "person" ("name", "city", "age", "parentId") VALUES ('Ann', 'Oslo', 40, NULL), ('Bob', NULL, 20, 1);
        `);
        migrateUp(db, schemas[1], schemas[2]);
        expect(await differencesFrom(synchronized[1])).to.deep.equal([]);
        expect(db.prepare(`SELECT "name", "nickname", "parentId" FROM "person" ORDER BY "id"`).all()).to.deep.equal([
            { name: "Ann", nickname: "none", parentId: null },
            { name: "Bob", nickname: "none", parentId: 1 },
        ]);
        expect(db.prepare(`SELECT "city" FROM "person_name" ORDER BY "id"`).pluck().all()).to.deep.equal(["Oslo", null]);
    });

    it("down to v1, then to nothing", async () => {
        migrateDown(db, schemas[1], schemas[2]);
        expect(await differencesFrom(synchronized[0])).to.deep.equal([]);
        expect(db.prepare(`SELECT "label" FROM "person" ORDER BY "id"`).pluck().all()).to.deep.equal(["Ann of Oslo", null]);
        migrateDown(db, schemas[0], schemas[1]);
        expect(Object.values(await dumpSqliteCatalog(db)).flat()).to.deep.equal([]);
    });
});
