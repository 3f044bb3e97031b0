import { expect } from "chai";
import { formatHeader, parseClassName, parseHeader } from "../../lib/revisions/header";
import { classNameFor, slugFor } from "../../lib/render/class-name";
import { escapeTemplate } from "../../lib/render/migration-file";
import { prettySql } from "../../lib/render/pretty-sql";

describe("revision header", () => {
    it("round-trips revision, parents, bind and message, with a comment terminator in the message", () => {
        const header = { revision: "3f9c2a1b7d4e", parents: ["a1", "b2"], bind: "default", message: "Add */ x\nand y" };
        const text = `${formatHeader(header).join("\n")}\nexport class AddXAndY1732442400000 {}`;
        expect(parseHeader(text, "f.ts")).to.deep.equal({ ...header, message: "Add *\\/ x and y" });
        expect(text.indexOf("*/")).to.equal(text.lastIndexOf("*/"));
    });

    it("reads a base revision and ignores files that are not ours", () => {
        const text = formatHeader({ revision: "r1", parents: [], bind: "b", message: "m" }).join("\n");
        expect(parseHeader(text, "f.ts")?.parents).to.deep.equal([]);
        expect(parseHeader("export class Foo1732442400000 {}", "f.ts")).to.equal(null);
    });

    it("reads the class name and timestamp from TypeScript and from compiled CommonJS", () => {
        expect(parseClassName("export class InitialMigration1732442400000 implements X {}", "f.ts")).to.deep.equal({
            name: "InitialMigration1732442400000",
            timestamp: 1732442400000,
        });
        expect(parseClassName("class A1732442400001 {}\nexports.A1732442400001 = A1732442400001;", "f.js").timestamp).to.equal(1732442400001);
        expect(() => parseClassName("export class NoStamp {}", "f.ts")).to.throw(/13-digit/);
    });
});

describe("migration file text", () => {
    it("names classes and files after the message", () => {
        expect(classNameFor("Added new fields!", 1732442400000)).to.equal("AddedNewFields1732442400000");
        expect(classNameFor("2nd try", 1732442400000)).to.equal("Migration2ndTry1732442400000");
        expect(classNameFor("", 1732442400000)).to.equal("Migration1732442400000");
        expect(slugFor("Initial migration.")).to.equal("initial-migration");
    });

    it("escapes backslashes, backticks and ${ inside template literals", () => {
        const sql = "COMMENT ON COLUMN \"a`b\" IS 'x ${y} \\n \r\n'";
        const escaped = escapeTemplate(sql);
        // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the escaped text is evaluated as the template literal a migration file holds
        const templateLiteral = new Function("return `" + escaped + "`;") as () => string;
        expect(templateLiteral()).to.equal(sql);
    });

    it("lays CREATE TABLE out one entry per line without splitting inside parentheses or quotes", () => {
        const sql = `CREATE TABLE "t" ("a" numeric(10,2) NOT NULL, "b" varchar DEFAULT 'x, y', CONSTRAINT "PK_1" PRIMARY KEY ("a", "b"))`;
        expect(prettySql(sql, "")).to.equal(
            `CREATE TABLE "t" (\n    "a" numeric(10,2) NOT NULL,\n    "b" varchar DEFAULT 'x, y',\n    CONSTRAINT "PK_1" PRIMARY KEY ("a", "b")\n)`,
        );
        expect(prettySql(`DROP TABLE "t"`, "")).to.equal(`DROP TABLE "t"`);
    });
});
