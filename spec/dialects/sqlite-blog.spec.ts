import Database from "better-sqlite3";
import { expect } from "chai";
import { blogVersions } from "../../fixtures/blog/versions";
import { readSchema } from "../../lib/entities/read-schema";
import { typeormVersion } from "../../lib/typeorm";
import { emptySchema, type Schema } from "../../lib/schema/model";
import type { Catalog } from "../support/catalog/catalog";
import { diffCatalogs } from "../support/catalog/compare";
import { dumpSqliteCatalog } from "../support/catalog/sqlite";
import { createSqliteFile, type SqliteTestFile } from "../support/databases";
import { sqliteHarness, synchronizedCatalog } from "../support/dialect-harness";
import { migrateDown, migrateUp, rowsOf } from "../support/sqlite-scratch";

// The blog stepped v1 → v2 → v3 by our migrations on one SQLite file, compared after every step
// with what TypeORM's synchronize() builds from the same entities; then every down, back to empty.
describe("sqlite dialect: blog v1 → v2 → v3 and back on a real database", function () {
    this.timeout(60000);
    let file: SqliteTestFile;
    let db: Database.Database;
    const schemas: Schema[] = [];
    const synchronized: Catalog[] = [];

    before(async () => {
        schemas.push(emptySchema("sqlite", "", typeormVersion()));
        for (const version of blogVersions) {
            schemas.push(await readSchema(version.dataSource({ type: "better-sqlite3", database: ":memory:" })));
            synchronized.push(await synchronizedCatalog(sqliteHarness, version.dataSource));
        }
        file = createSqliteFile();
        db = new Database(file.path);
    });
    after(() => {
        db?.close();
        file?.cleanup();
    });

    const expectSynchronized = async (step: number) => {
        const differences = diffCatalogs(await dumpSqliteCatalog(db), synchronized[step - 1], { a: "migrated", b: "synchronized" });
        expect(differences).to.deep.equal([]);
    };

    it("v1: the initial migration builds what synchronize() builds", async () => {
        migrateUp(db, schemas[0], schemas[1]);
        await expectSynchronized(1);
    });

    it("v1 → v2: rebuilt tables keep their rows, children's cascading rows included", async () => {
        seedV1(db);
        const comments = rowsOf(db, "comment");
        const tagLinks = rowsOf(db, "post_tags_tag");
        migrateUp(db, schemas[1], schemas[2]);
        await expectSynchronized(2);
        expect(rowsOf(db, "comment")).to.deep.equal(comments);
        expect(rowsOf(db, "post_tags_tag")).to.deep.equal(tagLinks);
        expect(db.prepare(`SELECT "id", "title", "viewCount", "commentsEnabled" FROM "post" ORDER BY "id"`).all()).to.deep.equal([
            { id: 1, title: "Hello", viewCount: 0, commentsEnabled: 1 },
            { id: 2, title: "It's me", viewCount: 0, commentsEnabled: 0 },
        ]);
        expect(db.prepare(`SELECT "email", "role", "bio" FROM "user" ORDER BY "id"`).all()).to.deep.equal([
            { email: "ann@example.com", role: "admin", bio: null },
            { email: "bob@example.com", role: "reader", bio: null },
        ]);
    });

    it("v2 → v3: dropping tags and a column keeps posts and comments", async () => {
        db.prepare(`INSERT INTO "post_like" ("userId", "postId") VALUES (2, 1)`).run();
        const comments = rowsOf(db, "comment");
        migrateUp(db, schemas[2], schemas[3]);
        await expectSynchronized(3);
        expect(rowsOf(db, "comment")).to.deep.equal(comments);
        expect(rowsOf(db, "post_like")).to.have.length(1);
        expect(db.prepare(`SELECT "id", "title" FROM "post" ORDER BY "id"`).all()).to.have.length(2);
    });

    it("down v3 → v2 → v1: each step is synchronize()'s catalog again", async () => {
        migrateDown(db, schemas[2], schemas[3]);
        await expectSynchronized(2);
        migrateDown(db, schemas[1], schemas[2]);
        await expectSynchronized(1);
        expect(rowsOf(db, "comment")).to.have.length(3);
    });

    it("down v1: the database is empty again", async () => {
        migrateDown(db, schemas[0], schemas[1]);
        const catalog = await dumpSqliteCatalog(db);
        expect(Object.values(catalog).flat()).to.deep.equal([]);
    });
});

function seedV1(db: Database.Database): void {
    db.exec(`
        INSERT INTO "user" ("email", "displayName", "role") VALUES ('ann@example.com', 'Ann', 'admin'), ('bob@example.com', 'Bob', 'reader');
        INSERT INTO "tag" ("name") VALUES ('news'), ('sqlite');
        INSERT INTO "post" ("title", "body", "authorId", "commentsEnabled") VALUES ('Hello', 'First', 1, 1), ('It''s me', 'Second', 1, 0);
        INSERT INTO "comment" ("body", "postId", "authorId") VALUES ('Nice', 1, 2), ('Thanks', 1, 1), ('Hm', 2, NULL);
        INSERT INTO "post_tags_tag" ("postId", "tagId") VALUES (1, 1), (1, 2), (2, 2);
    `);
}
