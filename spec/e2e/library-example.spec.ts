import { expect } from "chai";
import { main } from "../../fixtures/library/diff-two-versions";

describe("the README's library example", () => {
    it("diffs two versions of the entities without a database and prints ops with their SQL", async () => {
        const lines = await main();
        expect(lines).to.include(`safe           addColumn: column user.bio is new`);
        expect(lines).to.include(`    ALTER TABLE "public"."user" ADD "bio" text`);
        expect(lines.join("\n")).not.to.include("post_like");
        expect(lines.at(-1)).to.match(/^down: \d+ ops$/);
    });
});
