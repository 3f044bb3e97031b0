import { expect } from "chai";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, UnknownBindError } from "../../lib/config/errors";
import { findConfigFile, loadConfigFile, selectBinds, singleBindConfig } from "../../lib/config/resolve-config";
import { distRoot } from "../support/run-cli";

async function expectRejection(promise: Promise<unknown>, type: new (...args: never[]) => Error, message: RegExp, mentions?: string): Promise<void> {
    const error = await promise.then(
        () => null,
        (rejection: unknown) => rejection,
    );
    expect(error).to.be.instanceOf(type);
    expect((error as Error).message).to.match(message);
    if (mentions !== undefined) expect((error as Error).message).to.include(mentions);
}

describe("config file", () => {
    let dir: string;
    const write = (name: string, value: unknown) => {
        const path = join(dir, name);
        writeFileSync(path, typeof value === "string" ? value : JSON.stringify(value));
        return path;
    };
    const blogDataSource = join(distRoot, "fixtures", "blog", "v1", "data-source.js");

    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), "tm-config-"));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it("is found in the directory as .ts, then .js, then .json", () => {
        expect(findConfigFile(dir)).to.equal(null);
        write("typeorm-migrate.config.json", { binds: { default: "x" } });
        expect(findConfigFile(dir)).to.equal(join(dir, "typeorm-migrate.config.json"));
        write("typeorm-migrate.config.js", "module.exports = { binds: { default: 'x' } };");
        expect(findConfigFile(dir)).to.equal(join(dir, "typeorm-migrate.config.js"));
    });

    it("resolves binds in order, with migrations/<bind> and data source files relative to the file", async () => {
        mkdirSync(join(dir, "app"));
        writeFileSync(join(dir, "app", "ds.js"), `module.exports = require(${JSON.stringify(blogDataSource)});`);
        const file = write("typeorm-migrate.config.json", {
            migrationsDir: "db/migrations",
            exclude: ["audit_*"],
            binds: { default: "app/ds", analytics: { dataSource: "app/ds.js", exclude: ["tmp_*"] } },
        });
        const config = await loadConfigFile(file);
        expect(config.binds.map((b) => [b.name, b.migrationsDir, b.exclude])).to.deep.equal([
            ["default", join(dir, "db", "migrations", "default"), ["audit_*"]],
            ["analytics", join(dir, "db", "migrations", "analytics"), ["audit_*", "tmp_*"]],
        ]);
        expect((await config.binds[0].dataSource()).options.type).to.equal("better-sqlite3");
        expect(await config.binds[0].dataSource()).to.equal(await config.binds[0].dataSource());
        expect((await loadConfigFile(file, { migrationsRoot: join(dir, "elsewhere") })).binds[1].migrationsDir).to.equal(join(dir, "elsewhere", "analytics"));
    });

    it("takes DataSource objects from a JavaScript config", async () => {
        const file = write(
            "typeorm-migrate.config.js",
            `const ds = require(${JSON.stringify(blogDataSource)}).default; module.exports = { binds: { main: ds, other: { dataSource: ds } } };`,
        );
        const config = await loadConfigFile(file);
        expect((await Promise.all(config.binds.map((b) => b.dataSource()))).map((d) => d.options.type)).to.deep.equal(["better-sqlite3", "better-sqlite3"]);
    });

    const invalid: [string, unknown, RegExp][] = [
        ["not an object", [], /must export an object with `binds`/],
        ["no binds", { binds: {} }, /`binds` must name at least one bind/],
        ["an unknown field", { binds: { a: "x" }, migrations: "m" }, /unknown field "migrations"/],
        ["an unknown bind field", { binds: { a: { dataSource: "x", url: "y" } } }, /bind "a": unknown field "url"/],
        ["a bind name that is not a folder name", { binds: { "a/b": "x" } }, /bind name "a\/b"/],
        ["a bind without a data source", { binds: { a: { exclude: [] } } }, /bind "a": `dataSource` must be/],
        ["exclude that is not a list of strings", { binds: { a: "x" }, exclude: "t" }, /`exclude` must be a list of strings/],
        ["migrationsDir that is not a string", { binds: { a: "x" }, migrationsDir: 3 }, /`migrationsDir` must be a string/],
        [
            "a serverVersion that is not a version",
            { binds: { a: { dataSource: "x", serverVersion: "latest" } } },
            /bind "a": `serverVersion` must be a version/,
        ],
        ["an empty list of targets", { binds: { a: { dataSource: "x", targets: [] } } }, /bind "a": `targets` is an empty list/],
        [
            "a target that is neither a URL nor { name, url }",
            { binds: { a: { dataSource: "x", targets: [{ host: "h" }] } } },
            /each entry must be a URL or \{ name, url \}/,
        ],
        ["targets naming an unknown source", { binds: { a: { dataSource: "x", targets: { tenants: "t_*" } } } }, /unknown field "tenants"/],
        ["targets naming two sources", { binds: { a: { dataSource: "x", targets: { env: "A", schemas: "t_*" } } } }, /`targets` must be a list of URLs/],
        [
            "targets from a variable that is not a name",
            { binds: { a: { dataSource: "x", targets: { env: "A-B" } } } },
            /`env` must name an environment variable/,
        ],
    ];
    for (const [what, value, message] of invalid) {
        it(`refuses ${what} with a ConfigError naming the file`, async () => {
            const file = write("typeorm-migrate.config.json", value);
            await expectRejection(loadConfigFile(file), ConfigError, message, file);
        });
    }

    it("keeps each kind of targets; a module's path is taken relative to the file", async () => {
        const file = write("typeorm-migrate.config.json", {
            binds: {
                list: { dataSource: "x", targets: ["postgres://h/a", { name: "b", url: "postgres://h/b" }] },
                env: { dataSource: "x", targets: { env: "TENANT_URLS" } },
                module: { dataSource: "x", targets: { module: "lib/tenants.js" } },
                schemas: { dataSource: "x", targets: { schemas: "tenant_*" } },
                none: "x",
            },
        });
        const targets = Object.fromEntries((await loadConfigFile(file)).binds.map((b) => [b.name, b.targets]));
        expect(targets).to.deep.equal({
            list: ["postgres://h/a", { name: "b", url: "postgres://h/b" }],
            env: { env: "TENANT_URLS" },
            module: { module: join(dir, "lib", "tenants.js") },
            schemas: { schemas: "tenant_*" },
            none: undefined,
        });
    });

    it("refuses a file that does not parse, and one that does not exist", async () => {
        const file = write("typeorm-migrate.config.json", "{ binds: ");
        await expectRejection(loadConfigFile(file), ConfigError, /cannot load/);
        await expectRejection(loadConfigFile(join(dir, "missing.json")), ConfigError, /not found/);
    });

    it("--bind selects binds by name and names the known ones for an unknown name", async () => {
        const config = await loadConfigFile(write("typeorm-migrate.config.json", { binds: { a: "x", b: "y", c: "z" } }));
        expect(selectBinds(config, []).map((b) => b.name)).to.deep.equal(["a", "b", "c"]);
        expect(selectBinds(config, ["c", "a"]).map((b) => b.name)).to.deep.equal(["a", "c"]);
        expect(() => selectBinds(config, ["a", "d"])).to.throw(UnknownBindError, /unknown bind "d": .* has "a", "b", "c"/);
    });

    it("-d is one bind named default", async () => {
        const config = singleBindConfig(blogDataSource, join(dir, "m"));
        expect(config.binds.map((b) => [b.name, b.migrationsDir])).to.deep.equal([["default", join(dir, "m", "default")]]);
    });

    it("names the CLI only in the hint: the multidb template for a config that is not an object, -d for an unknown bind", async () => {
        const file = write("typeorm-migrate.config.json", []);
        const error = await loadConfigFile(file).catch((rejection: unknown) => rejection);
        expect(error)
            .to.be.instanceOf(ConfigError)
            .and.include({
                message: `${file}: must export an object with \`binds\``,
                hint: "see `typeorm-migrate init --multidb`",
            });
        const single = singleBindConfig(blogDataSource, join(dir, "m"));
        expect(() => selectBinds(single, ["reporting"]))
            .to.throw(UnknownBindError, 'unknown bind "reporting": a single data source has "default"')
            .with.property("hint", '-d names one data source, bind "default"');
    });
});
