import "reflect-metadata";
import { expect } from "chai";
import { Check, Column, CreateDateColumn, DataSource, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, ViewColumn, ViewEntity } from "typeorm";
import type { EntityClass } from "../../fixtures/entity-class";
import { diff } from "../../lib/diff/diff";
import { invertOps } from "../../lib/diff/invert";
import type { Op } from "../../lib/diff/ops";
import { readSchema } from "../../lib/entities/read-schema";
import { emptySchema, type Schema } from "../../lib/schema/model";
import type { Catalog } from "../support/catalog/catalog";
import { diffCatalogs } from "../support/catalog/compare";
import { dumpPostgresCatalog, type PostgresQueryable } from "../support/catalog/postgres";
import { createPostgresDatabase } from "../support/databases";
import { PgScratch, statementsOf } from "../support/pg-scratch";

// A small shop of entities stepped v1 → v2 on a real PostgreSQL, each state compared with what
// TypeORM's own synchronize() builds from the same entities, then every down back to empty.

// ---- v1 ----

@Entity("author")
@Check("CHK_author_age", `"age" >= 0`)
class AuthorV1 {
    @PrimaryGeneratedColumn() id: number;
    @Column({ length: 200, unique: true }) email: string;
    @Column({ type: "text" }) name: string;
    @Column({ type: "varchar", length: 200, nullable: true, comment: "it's the author's bio" }) bio: string | null;
    @Column({ type: "int", default: 0 }) age: number;
    @Column({ type: "enum", enum: ["reader", "author"], enumName: "author_role", default: "reader" }) role: string;
    @CreateDateColumn({ type: "timestamptz" }) createdAt: Date;
}

@Entity("post", { comment: "Posts' table" })
@Index("IDX_post_published", ["createdAt"], { where: `"status" = 'published'` })
@Index(["authorId", "title"], { unique: true })
class PostV1 {
    @PrimaryGeneratedColumn("uuid") id: string;
    @Column({ length: 200 }) title: string;
    @Column({ type: "enum", enum: ["draft", "published", "archived"], default: "archived" }) status: string;
    @Column({ type: "decimal", precision: 10, scale: 2, default: 0 }) price: string;
    @Column({ type: "timestamp", default: () => "now()" }) createdAt: Date;
    @Column({ type: "int" }) authorId: number;
    @ManyToOne(() => AuthorV1, { onDelete: "CASCADE" }) @JoinColumn({ name: "authorId" }) author: AuthorV1;
    @Index() @Column({ type: "int", array: true, default: () => "'{}'" }) scores: number[];
    @Column({ type: "int", asExpression: `"authorId" * 2`, generatedType: "STORED", nullable: true }) doubled: number;
}

@Entity("tag", { schema: "extra" })
class TagV1 {
    @PrimaryGeneratedColumn("identity", { generatedIdentity: "ALWAYS" }) id: number;
    @Column({ length: 50, collation: "C" }) name: string;
}

@Entity("counter")
class CounterV1 {
    @PrimaryGeneratedColumn() id: number;
    @Column({ type: "varchar", length: 10, default: "a" }) kind: string;
}

@ViewEntity({ name: "post_dates", expression: `SELECT "id", "createdAt" FROM "post"` })
class PostDatesV1 {
    @ViewColumn() id: string;
    @ViewColumn() createdAt: Date;
}

// ---- v2: retyped, renamed-free changes of every kind ----

@Entity("author")
@Check("CHK_author_age", `"age" >= 0`)
class AuthorV2 {
    @PrimaryGeneratedColumn() id: number;
    @Column({ length: 250, unique: true }) email: string;
    @Column({ type: "varchar", length: 100 }) name: string;
    @Column({ type: "varchar", length: 200, default: "", comment: "bio, it's required now" }) bio: string;
    @Column({ type: "bigint", default: 0 }) age: string;
    @Column({ type: "enum", enum: ["reader", "author", "admin"], enumName: "author_role", default: "reader" }) role: string;
    @CreateDateColumn({ type: "timestamptz" }) createdAt: Date;
    @Column({ type: "varchar", length: 30, nullable: true }) nickname: string | null;
}

@Entity("post", { comment: "Posts, v2" })
@Index("IDX_post_published", ["createdAt"], { where: `"status" = 'published'` })
@Index(["authorId", "title"], { unique: true })
class PostV2 {
    @PrimaryGeneratedColumn("uuid") id: string;
    @Column({ length: 250 }) title: string;
    @Column({ type: "enum", enum: ["draft", "review", "published"], default: "review" }) status: string;
    @Column({ type: "decimal", precision: 12, scale: 2, default: 1 }) price: string;
    @Column({ type: "timestamp", default: () => "now()" }) createdAt: Date;
    @Column({ type: "int" }) authorId: number;
    @ManyToOne(() => AuthorV2, { onDelete: "CASCADE" }) @JoinColumn({ name: "authorId" }) author: AuthorV2;
    @Index() @Column({ type: "int", array: true, default: () => "'{}'" }) scores: number[];
    @Column({ type: "int", asExpression: `"authorId" * 3`, generatedType: "STORED", nullable: true }) doubled: number;
}

@Entity("tag", { schema: "extra" })
class TagV2 {
    @PrimaryGeneratedColumn("identity", { generatedIdentity: "BY DEFAULT" }) id: number;
    @Column({ length: 50, collation: "POSIX" }) name: string;
}

@Entity("counter")
class CounterV2 {
    @PrimaryGeneratedColumn({ type: "bigint" }) id: string;
    @Column({ type: "enum", enum: ["a", "b"], default: "a" }) kind: string;
}

@ViewEntity({ name: "post_dates", expression: `SELECT "id", "createdAt" FROM "post"` })
class PostDatesV2 {
    @ViewColumn() id: string;
    @ViewColumn() createdAt: Date;
}

const v1Entities = [AuthorV1, PostV1, TagV1, CounterV1, PostDatesV1];
const v2Entities = [AuthorV2, PostV2, TagV2, CounterV2, PostDatesV2];

/**
 * The catalog, with the database's own name in typeorm_metadata rows (TypeORM records it for a
 * generated column) replaced, so two databases compare.
 */
async function dumpCatalog(db: PostgresQueryable): Promise<Catalog> {
    const catalog = await dumpPostgresCatalog(db);
    const [{ name }] = await (typeof db === "function"
        ? db("SELECT current_database() AS name")
        : db.query("SELECT current_database() AS name").then((r) => r.rows));
    const rows = catalog.typeormMetadata.map((row) => ({ ...row, key: row.key.map((part, i) => (i === 2 && part === name ? "<this database>" : part)) }));
    return { ...catalog, typeormMetadata: rows };
}

const offline = (entities: EntityClass[]) => new DataSource({ type: "postgres", database: "unused", entities });

/** What synchronize() builds on a fresh database; it creates no schemas, so "extra" is made first. */
async function synchronized(entities: EntityClass[]): Promise<Catalog> {
    const db = await createPostgresDatabase();
    const dataSource = new DataSource({ ...db.options, entities });
    try {
        await dataSource.initialize();
        await dataSource.query(`CREATE SCHEMA "extra"`);
        await dataSource.synchronize();
        return await dumpCatalog((sql: string, parameters?: unknown[]) => dataSource.query(sql, parameters));
    } finally {
        if (dataSource.isInitialized) await dataSource.destroy();
        await db.drop();
    }
}

describe("postgres dialect on a real database: migrations build what synchronize() builds", () => {
    let scratch: PgScratch;
    let empty: Schema;
    let v1: Schema;
    let v2: Schema;
    let up1: Op[];
    let up2: Op[];
    const catalogs: { empty?: Catalog; v1?: Catalog } = {};

    const catalog = () => dumpCatalog(scratch.client);
    const expectSame = (expected: Catalog, actual: Catalog, labels: { a: string; b: string }) =>
        expect(diffCatalogs(expected, actual, labels)).to.deep.equal([]);

    before(async () => {
        scratch = await PgScratch.create();
        v1 = await readSchema(offline(v1Entities));
        v2 = await readSchema(offline(v2Entities));
        empty = emptySchema("postgres", "public", v1.typeormVersion);
        up1 = diff(empty, v1);
        up2 = diff(v1, v2);
        catalogs.empty = await catalog();
    });

    after(async () => {
        await scratch?.dispose();
    });

    it("v1 from an empty database: serial, uuid, identity, enums, comments, checks, FKs, partial and unique indexes, view", async () => {
        await scratch.migrate(empty, up1);
        catalogs.v1 = await catalog();
        expectSame(await synchronized(v1Entities), catalogs.v1, { a: "synchronize()", b: "migrations" });
    });

    it("v1: rows are written", async () => {
        await scratch.query(`INSERT INTO "author" ("email", "name", "bio", "age", "role") VALUES ('ada@example.com', 'Ada', 'Bio', 36, 'author')`);
        await scratch.query(
            `INSERT INTO "post" ("title", "status", "price", "authorId", "scores") VALUES ('Hello', 'published', 9.99, 1, '{1,2}'), ('Draft', 'draft', 1, 1, '{}')`,
        );
        await scratch.query(`INSERT INTO "extra"."tag" ("name") VALUES ('news')`);
        await scratch.query(`INSERT INTO "counter" ("kind") VALUES ('a'), ('b'), ('a')`);
    });

    it("v1 → v2: varchar widened, int → bigint, text → varchar, varchar → enum, enum values added and removed, serial int → bigint, identity kind, collation, computed column; rows kept", async () => {
        await scratch.migrate(v1, up2);
        expectSame(await synchronized(v2Entities), await catalog(), { a: "synchronize()", b: "migrations" });
        expect(await scratch.query(`SELECT "email", "name", "bio", "age", "role" FROM "author"`)).to.deep.equal([
            { email: "ada@example.com", name: "Ada", bio: "Bio", age: "36", role: "author" },
        ]);
        expect(await scratch.query(`SELECT "title", "status", "price", "scores", "doubled" FROM "post" ORDER BY "title"`)).to.deep.equal([
            { title: "Draft", status: "draft", price: "1.00", scores: [], doubled: 3 },
            { title: "Hello", status: "published", price: "9.99", scores: [1, 2], doubled: 3 },
        ]);
        expect(await scratch.query(`SELECT "id", "kind" FROM "counter" ORDER BY "id"`)).to.deep.equal([
            { id: "1", kind: "a" },
            { id: "2", kind: "b" },
            { id: "3", kind: "a" },
        ]);
    });

    it("v2: defaults and sequences work on the changed columns (new enum value as default, serial continues, identity BY DEFAULT)", async () => {
        await scratch.query(`INSERT INTO "post" ("title", "authorId") VALUES ('Pending', 1)`);
        expect(await scratch.query(`SELECT "status", "price" FROM "post" WHERE "title" = 'Pending'`)).to.deep.equal([{ status: "review", price: "1.00" }]);
        expect(await scratch.query(`INSERT INTO "counter" DEFAULT VALUES RETURNING "id", "kind"`)).to.deep.equal([{ id: "4", kind: "a" }]);
        await scratch.query(`INSERT INTO "extra"."tag" ("id", "name") VALUES (100, 'chosen id')`);
    });

    it("down v2 → v1 fails, and changes nothing, while a row holds an enum value v1 does not know", async () => {
        const before = await catalog();
        let failure: unknown;
        await scratch.run(statementsOf(v2, invertOps(up2))).catch((error: unknown) => {
            failure = error;
        });
        expect(String(failure)).to.match(/invalid input value for enum "?post_status_enum"?: "review"/);
        expectSame(before, await catalog(), { a: "before", b: "after the failed down" });
    });

    it("down v2 → v1 restores v1's catalog exactly and keeps the rows", async () => {
        await scratch.query(`DELETE FROM "post" WHERE "status" = 'review'`);
        await scratch.query(`DELETE FROM "extra"."tag" WHERE "id" = 100`);
        await scratch.migrate(v2, invertOps(up2));
        expectSame(catalogs.v1 as Catalog, await catalog(), { a: "v1", b: "after down" });
        expect(await scratch.query(`SELECT "title", "status" FROM "post" ORDER BY "title"`)).to.deep.equal([
            { title: "Draft", status: "draft" },
            { title: "Hello", status: "published" },
        ]);
        expect(await scratch.query(`SELECT "name", "age" FROM "author"`)).to.deep.equal([{ name: "Ada", age: 36 }]);
        expect(await scratch.query(`SELECT "kind" FROM "counter" ORDER BY "id"`)).to.deep.equal([{ kind: "a" }, { kind: "b" }, { kind: "a" }, { kind: "a" }]);
    });

    it("down v1 → empty leaves the database as it was: no table, type, sequence, schema or extension", async () => {
        await scratch.migrate(v1, invertOps(up1));
        expectSame(catalogs.empty as Catalog, await catalog(), { a: "empty", b: "after the last down" });
    });
});
