import { expect } from "chai";
import { maskCredentials } from "../../lib/load/mask-credentials";

describe("maskCredentials: a connection URL's password never prints", () => {
    it("masks a plain password", () => {
        expect(maskCredentials("postgres://app:secret@db:5432/shop")).to.equal("postgres://app:***@db:5432/shop");
    });

    it("masks up to the last @ before the host when the password holds @ (it once printed the tail)", () => {
        expect(maskCredentials("postgres://postgres:pw@MySecretTail99@127.0.0.1:5432/db")).to.equal("postgres://postgres:***@127.0.0.1:5432/db");
        expect(maskCredentials("mysql://root:a@b:c/d@e@db/x")).to.equal("mysql://root:***@db/x");
    });

    it("masks percent-encoded passwords and passwords without a user name", () => {
        expect(maskCredentials("postgres://app:p%40ss@db/shop")).to.equal("postgres://app:***@db/shop");
        expect(maskCredentials("postgres://:secret@db/shop")).to.equal("postgres://:***@db/shop");
    });

    it("masks every URL inside a message, quoted or not, and leaves the rest alone", () => {
        expect(maskCredentials(`--url: "mariadb://u:x@y@h/d" is not a postgres URL; also postgresql://v:z@h2/e.`)).to.equal(
            `--url: "mariadb://u:***@h/d" is not a postgres URL; also postgresql://v:***@h2/e.`,
        );
    });

    it("leaves URLs without a password unchanged", () => {
        for (const text of ["postgres://db:5432/shop", "mysql://root@127.0.0.1/x", "see https://typeorm.io/migrations", "sqlite:blog.sqlite"]) {
            expect(maskCredentials(text)).to.equal(text);
        }
    });

    it("hides a host rather than a secret when the query also holds @", () => {
        const masked = maskCredentials("postgres://app:s3cr@t@db/shop?application_name=a@b");
        expect(masked).to.not.include("s3cr").and.not.include("t@db");
    });
});
