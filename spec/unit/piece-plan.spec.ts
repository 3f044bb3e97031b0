import { expect } from "chai";
import { planPieces, type TableArgs } from "../../lib/typeorm/piece-plan";
import { shapeText, StandInCheck, type ShapeText } from "../../lib/entities/stand-in-check";
import { column } from "../support/model-builders";

// How a large entity set is cut, from TypeORM's decorator arguments alone, and the check that a
// stand-in read as its entity reads.

class User {}
class Post {}
class Comment {}
class Animal {}
class Cat extends Animal {}
class Dog extends Animal {}
class Tag {}

const table = (target: object | string, extra: Partial<TableArgs> = {}): TableArgs => ({ target, type: "regular", ...extra });
const relation = (target: object | string, type: unknown) => ({ target, type });
const names = (targets: ReadonlySet<unknown>) => [...targets].map((t) => (typeof t === "function" ? t.name : String(t))).sort();

describe("cutting an entity set into pieces", () => {
    it("a piece builds what its members point at as stand-ins, and nothing else", () => {
        const tables = [table(User), table(Post), table(Comment), table(Tag)];
        const relations = [relation(Post, () => User), relation(Comment, () => Post), relation(Comment, () => User)];
        const pieces = planPieces(tables, { relations, embeddeds: [] }, 2);
        expect(pieces?.map((p) => [names(p.members), names(p.neighbors)])).to.deep.equal([
            [["Post", "User"], []],
            [
                ["Comment", "Tag"],
                ["Post", "User"],
            ],
        ]);
    });

    it("a class stays with the entity classes it extends or that extend it (single-table inheritance)", () => {
        const tables = [table(Animal), table(User), table(Cat, { type: "entity-child" }), table(Dog, { type: "entity-child" })];
        const pieces = planPieces(tables, { relations: [relation(User, () => Cat)], embeddeds: [] }, 1);
        expect(pieces?.map((p) => names(p.members))).to.deep.equal([["Animal", "Cat", "Dog"], ["User"]]);
        expect(names(pieces?.[1].neighbors ?? new Set())).to.deep.equal(["Animal", "Cat", "Dog"]);
    });

    it("entities naming the same table stay together", () => {
        const pieces = planPieces([table(User, { name: "people" }), table(Tag), table(Post, { name: "people" })], { relations: [], embeddeds: [] }, 1);
        expect(pieces?.map((p) => names(p.members))).to.deep.equal([["Post", "User"], ["Tag"]]);
    });

    it("relations declared on an embedded class count for the entities embedding it", () => {
        class Address {}
        const pieces = planPieces([table(User), table(Tag)], { relations: [relation(Address, () => User)], embeddeds: [relation(Tag, () => Address)] }, 1);
        expect(names(pieces?.[1].neighbors ?? new Set())).to.deep.equal(["User"]);
    });

    it("relations by name find EntitySchema targets and given table names", () => {
        const pieces = planPieces(
            [table("user"), table("post", { name: "posts" }), table("comment")],
            { relations: [relation("comment", "user"), relation("comment", () => "posts")], embeddeds: [] },
            1,
        );
        expect(names(pieces?.[2].neighbors ?? new Set())).to.deep.equal(["post", "user"]);
    });

    it("is not cut: a relation to no table of the set, a view built by a query builder, a child without a class", () => {
        expect(planPieces([table(Post)], { relations: [relation(Post, () => User)], embeddeds: [] }, 1)).to.equal(null);
        expect(planPieces([table(Post), table("v", { type: "view", expression: () => "SELECT 1" })], { relations: [], embeddeds: [] }, 1)).to.equal(null);
        expect(planPieces([table("child", { type: "entity-child" })], { relations: [], embeddeds: [] }, 1)).to.equal(null);
    });
});

describe("the stand-in check", () => {
    const shape = (columns: ReturnType<typeof column>[], primaryName = "PK_t"): ShapeText =>
        shapeText({
            ref: { schema: "public", table: "t" },
            columns,
            primaryKey: { schema: "public", table: "t", name: primaryName, columns: ["id"] },
        });
    const id = column({ schema: "public", table: "t", name: "id", type: "integer", primary: true });
    const ownerId = column({ schema: "public", table: "t", name: "ownerId", type: "integer" });

    it("agrees when a stand-in has a subset of the entity's columns, read the same", () => {
        const check = new StandInCheck();
        check.entity("T", shape([id, ownerId]));
        check.entity("U", () => expect.fail("an entity no stand-in points at is never spelled out"));
        check.standIn("T", shape([id]));
        expect(check.agree()).to.equal(true);
    });

    it("disagrees on a column read differently, another primary key, or a stand-in whose entity was never read", () => {
        const retyped = new StandInCheck();
        retyped.entity("T", shape([id]));
        retyped.standIn("T", shape([{ ...id, type: "bigint" }]));
        expect(retyped.agree()).to.equal(false);
        const renamedKey = new StandInCheck();
        renamedKey.entity("T", shape([id]));
        renamedKey.standIn("T", shape([id], "PK_other"));
        expect(renamedKey.agree()).to.equal(false);
        const unread = new StandInCheck();
        unread.standIn("T", shape([id]));
        expect(unread.agree()).to.equal(false);
    });
});
