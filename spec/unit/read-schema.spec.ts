import "reflect-metadata";
import { expect } from "chai";
import { Column, DataSource, Entity, Exclusion, PrimaryColumn, PrimaryGeneratedColumn, ViewEntity, ViewColumn } from "typeorm";
import type { EntityClass } from "../../fixtures/entity-class";
import { readSchema } from "../../lib/entities/read-schema";
import { blogVersions } from "../../fixtures/blog/versions";

@Entity()
class Gadget {
    @PrimaryGeneratedColumn("uuid") id: string;
    @Column({ type: "int" }) width: number;
    @Column({ type: "int", asExpression: `"width" * 2`, generatedType: "STORED", nullable: true }) doubled: number;
}

@ViewEntity({ expression: `SELECT "id", "width" FROM "gadget"` })
class WideGadget {
    @ViewColumn() id: string;
    @ViewColumn() width: number;
}

@Entity()
@Exclusion(`USING gist ("room" WITH =)`)
class Booking {
    @PrimaryColumn() id: number;
    @Column() room: string;
}

const offline = (entities: EntityClass[]) => new DataSource({ type: "postgres", database: "unused", entities });

describe("readSchema (no connection)", () => {
    it("names the uuid extension, the generated column's and the view's typeorm_metadata rows", async () => {
        const schema = await readSchema(offline([Gadget, WideGadget]));
        expect(schema.extensions).to.deep.equal(["uuid-ossp"]);
        expect(schema.columns.find((c) => c.name === "id")?.default).to.equal("uuid_generate_v4()");
        expect(schema.metadataRows).to.deep.equal([
            { type: "GENERATED_COLUMN", schema: "public", table: "gadget", name: "doubled", value: `"width" * 2` },
            { type: "VIEW", schema: "public", table: "", name: "wide_gadget", value: `SELECT "id", "width" FROM "gadget"` },
        ]);
        expect(schema.views.map((v) => v.name)).to.deep.equal(["wide_gadget"]);
    });

    it("reads PostgreSQL exclusion constraints with their XCL_ names and btree_gist; SQLite has none, as in synchronize()", async () => {
        const schema = await readSchema(offline([Booking]));
        expect(schema.exclusions.map((x) => [x.table, x.expression])).to.deep.equal([["booking", `USING gist ("room" WITH =)`]]);
        expect(schema.exclusions[0].name).to.match(/^XCL_[0-9a-f]{26}$/);
        expect(schema.extensions).to.include("btree_gist");
        // TypeORM keeps exclusions out of SQLite metadata, so synchronize() makes none there either.
        const onSqlite = await readSchema(new DataSource({ type: "better-sqlite3", database: ":memory:", entities: [Booking] }));
        expect(onSqlite.exclusions).to.deep.equal([]);
    });

    it("reads the blog with junction table, enum types, partial index and check, named as TypeORM names them", async () => {
        const schema = await readSchema(blogVersions[0].dataSource({ type: "postgres" }));
        expect(schema.tables.map((t) => t.table)).to.include.members(["user", "post", "comment", "tag", "post_tags_tag"]);
        expect(schema.enums.map((e) => e.name).sort()).to.deep.equal(["post_status_enum", "user_role"]);
        expect(schema.indexes.find((i) => i.where !== null)?.name).to.equal("IDX_post_published");
        expect(schema.primaryKeys.every((pk) => /^PK_[0-9a-f]{27}$/.test(pk.name))).to.equal(true);
        expect(schema.foreignKeys.every((fk) => /^FK_[0-9a-f]{27}$/.test(fk.name))).to.equal(true);
        expect(schema.checks.length).to.be.greaterThan(0);
    });

    it("is deterministic and canonical: two reads serialize identically", async () => {
        const a = await readSchema(blogVersions[1].dataSource({ type: "better-sqlite3", database: ":memory:" }));
        const b = await readSchema(blogVersions[1].dataSource({ type: "better-sqlite3", database: ":memory:" }));
        expect(JSON.stringify(a)).to.equal(JSON.stringify(b));
        expect(a.enums).to.deep.equal([]);
        expect(a.columns.find((c) => c.table === "user" && c.name === "role")?.enum).to.deep.equal(["reader", "author", "admin", "moderator"]);
    });
});
