import { expect } from "chai";
import { formatRenameHint, parseRenameHints } from "../../cli/renames/rename-hints";
import { shellQuote } from "../../cli/shell-quote";

describe("rename hints", () => {
    it("reads columns and tables, with and without a schema", () => {
        expect(parseRenameHints(["user.name=fullName", "audit.log.at=loggedAt"], ["author=writer", "audit.old=new"], "public")).to.deep.equal({
            columns: [
                { table: { schema: "public", table: "user" }, from: "name", to: "fullName" },
                { table: { schema: "audit", table: "log" }, from: "at", to: "loggedAt" },
            ],
            tables: [
                { from: { schema: "public", table: "author" }, to: { schema: "public", table: "writer" } },
                { from: { schema: "audit", table: "old" }, to: { schema: "audit", table: "new" } },
            ],
        });
    });

    it("reads names holding '.', '=' or '\"' as JSON strings, and writes them back the same way", () => {
        const hint = `"a.b"."x=y"="say \\"hi\\""`;
        expect(parseRenameHints([hint], [], "")).to.deep.equal({ columns: [{ table: { schema: "", table: "a.b" }, from: "x=y", to: `say "hi"` }], tables: [] });
        expect(formatRenameHint(["a.b", "x=y"], `say "hi"`)).to.equal(hint);
    });

    it("refuses malformed hints as bad input, naming the flag", () => {
        for (const hint of ["user.name", "user.name=a=b", "name=x", "a.b.c.d=x", `"open.x=y`, "user..name=x"]) {
            expect(() => parseRenameHints([hint], [], "public"), hint).to.throw(/--rename/);
        }
        expect(() => parseRenameHints([], ["a.b.c=d"], "public")).to.throw(/--rename-table/);
    });

    it("shell-quotes only what needs it, so the printed flag can be pasted", () => {
        expect(shellQuote("book.title=headline")).to.equal("book.title=headline");
        expect(shellQuote(`"a b".x=y`)).to.equal(`'"a b".x=y'`);
        expect(shellQuote("it's")).to.equal(`'it'\\''s'`);
    });
});
