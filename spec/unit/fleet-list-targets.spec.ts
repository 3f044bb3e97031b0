import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataSource } from "typeorm";
import { TargetsError } from "../../lib/fleet/errors";
import { listTargets } from "../../lib/fleet/list-targets";

describe("fleet: listing a bind's targets", () => {
    let dir: string;
    const dataSource = new DataSource({ type: "postgres", url: "postgres://app:secret@db.internal:5432/main" });
    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), "tm-targets-"));
    });
    afterEach(() => {
        rmSync(dir, { recursive: true, force: true });
        delete process.env.TM_SPEC_TARGETS;
    });

    it("names URL targets host/database, without credentials, unless a name is given", async () => {
        expect(await listTargets(["postgres://app:secret@db1:5432/shop", { name: "eu", url: "postgres://db2/shop" }], dataSource)).to.deep.equal([
            { name: "db1:5432/shop", url: "postgres://app:secret@db1:5432/shop" },
            { name: "eu", url: "postgres://db2/shop" },
        ]);
    });

    it("reads an environment variable's URLs, split on spaces, commas and newlines", async () => {
        process.env.TM_SPEC_TARGETS = "postgres://h/a, postgres://h/b\npostgres://h/c";
        expect((await listTargets({ env: "TM_SPEC_TARGETS" }, dataSource)).map((t) => t.name)).to.deep.equal(["h/a", "h/b", "h/c"]);
        delete process.env.TM_SPEC_TARGETS;
        const unset = await listTargets({ env: "TM_SPEC_TARGETS" }, dataSource).catch((error: unknown) => error);
        expect(unset).to.be.instanceOf(TargetsError);
        expect((unset as Error).message).to.equal("targets: the environment variable TM_SPEC_TARGETS is not set");
    });

    it("calls a module's function with the bind's data source", async () => {
        const file = join(dir, "tenants.js");
        writeFileSync(file, "module.exports = async ({ dataSource }) => [{ name: 'from-' + dataSource.options.type, url: 'postgres://h/x' }];");
        expect(await listTargets({ module: file }, dataSource)).to.deep.equal([{ name: "from-postgres", url: "postgres://h/x" }]);
        writeFileSync(join(dir, "named.js"), "exports.targets = async () => ['postgres://h/y'];");
        expect(await listTargets({ module: join(dir, "named.js") }, dataSource)).to.deep.equal([{ name: "h/y", url: "postgres://h/y" }]);
    });

    it("refuses a module that exports no function, one that returns no list, and names used twice", async () => {
        const refusal = async (source: Parameters<typeof listTargets>[0]) => {
            const error = await listTargets(source, dataSource).catch((e: unknown) => e);
            expect(error).to.be.instanceOf(TargetsError);
            return (error as Error).message;
        };
        writeFileSync(join(dir, "object.js"), "module.exports = { urls: [] };");
        expect(await refusal({ module: join(dir, "object.js") })).to.match(/must export .* an async function/);
        writeFileSync(join(dir, "string.js"), "module.exports = async () => 'postgres://h/a';");
        expect(await refusal({ module: join(dir, "string.js") })).to.match(/gave string, not a list/);
        writeFileSync(join(dir, "secret.js"), "module.exports = async () => [{ link: 'postgres://u:hunter2@h/a' }];");
        const masked = await refusal({ module: join(dir, "secret.js") });
        expect(masked).to.include("***").and.not.include("hunter2");
        expect(await refusal(["postgres://h/a", { name: "h/a", url: "postgres://h2/a" }])).to.match(/names h\/a more than once/);
    });

    it("closes the bind's data source a module connected to read its tenants (an open pool would keep the process alive)", async () => {
        const sqlite = new DataSource({ type: "better-sqlite3", database: ":memory:" });
        const file = join(dir, "from-table.js");
        writeFileSync(file, "module.exports = async ({ dataSource }) => { await dataSource.initialize(); return [{ name: 't1', url: '/tmp/t1.sqlite' }]; };");
        expect(await listTargets({ module: file }, sqlite)).to.deep.equal([{ name: "t1", url: "/tmp/t1.sqlite" }]);
        expect(sqlite.isInitialized).to.equal(false);
    });

    it("refuses a URL of another kind of database before any target runs", async () => {
        const error = await listTargets(["postgres://h/a", "mysql://h/b"], dataSource).catch((e: unknown) => e);
        expect(error).to.be.instanceOf(TargetsError);
        expect((error as Error).message).to.equal("targets: the bind's `targets` gives h/b, not a postgres URL");
    });
});
