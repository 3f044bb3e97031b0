import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataSource } from "typeorm";
import { PlatformTools } from "typeorm/platform/PlatformTools";
import { loadUserModule } from "../../lib/load/load-user-module";
import { withDriverPackagesDeferred } from "../../lib/typeorm";

// A data source file's `new DataSource()` no longer loads the database client (pg, mysql2,
// better-sqlite3) at once: offline commands never use it. This folder runs on TypeORM 0.3 and 1.x.

type Load = (name: string) => unknown;

/** Runs `body` with TypeORM's PlatformTools.load counting, per package, the loads that reach it. */
async function countingLoads<T>(body: (loads: Map<string, number>) => Promise<T>): Promise<T> {
    const tools = PlatformTools as unknown as { load: Load };
    const load = tools.load;
    const loads = new Map<string, number>();
    tools.load = function (this: unknown, name: string) {
        loads.set(name, (loads.get(name) ?? 0) + 1);
        return load.call(this, name);
    };
    try {
        return await body(loads);
    } finally {
        tools.load = load;
    }
}

type DriverFields = Record<string, Record<string, unknown>>;

describe("database clients loaded on first use", () => {
    it("new DataSource() inside the load keeps pg unloaded until the driver reads from it", async () => {
        await countingLoads(async (loads) => {
            const dataSource = await withDriverPackagesDeferred(async () => new DataSource({ type: "postgres" }));
            expect(loads.get("pg") ?? 0, "pg loaded by the constructor").to.equal(0);
            const client = (dataSource.driver as unknown as DriverFields).postgres;
            expect(client.Pool).to.equal((require("pg") as { Pool: unknown }).Pool);
            expect(loads.get("pg")).to.equal(1);
            expect(client.Client).to.equal((require("pg") as { Client: unknown }).Client);
            expect(loads.get("pg"), "loaded once").to.equal(1);
        });
    });

    it("mysql2 is kept for later too, and lists the real package's keys when asked", async () => {
        await countingLoads(async (loads) => {
            const dataSource = await withDriverPackagesDeferred(async () => new DataSource({ type: "mariadb" }));
            expect(loads.get("mysql2") ?? 0).to.equal(0);
            const client = (dataSource.driver as unknown as DriverFields).mysql;
            const real = require("mysql2") as Record<string, unknown>;
            expect(Object.keys(client)).to.deep.equal(Object.keys(real));
            expect("createPool" in client).to.equal(true);
            expect(Object.getPrototypeOf(client)).to.equal(Object.getPrototypeOf(real));
        });
    });

    it("a package that exports a class is constructed through the stand-in (better-sqlite3)", async () => {
        const dataSource = await withDriverPackagesDeferred(async () => new DataSource({ type: "better-sqlite3", database: ":memory:" }));
        const Database = (dataSource.driver as unknown as { sqlite: new (file: string) => { prepare(sql: string): { get(): unknown }; close(): void } }).sqlite;
        const database = new Database(":memory:");
        try {
            expect(database).to.be.an.instanceOf(require("better-sqlite3") as new () => unknown);
            expect(database.prepare("select 41 + 1 as answer").get()).to.deep.equal({ answer: 42 });
        } finally {
            database.close();
        }
    });

    it("a data source initialized after the load connects through the stand-in", async () => {
        const dataSource = await withDriverPackagesDeferred(async () => new DataSource({ type: "better-sqlite3", database: ":memory:" }));
        await dataSource.initialize();
        try {
            expect(await dataSource.query("select 6 * 7 as answer")).to.deep.equal([{ answer: 42 }]);
        } finally {
            await dataSource.destroy();
        }
    });

    it("a package that is not installed still fails in new DataSource(), as TypeORM reports it", async () => {
        const failure = await withDriverPackagesDeferred(async () => new DataSource({ type: "mssql" } as never)).then(
            () => null,
            (error: unknown) => error as Error,
        );
        expect(failure?.name).to.equal("DriverPackageNotInstalledError");
    });

    it("PlatformTools.load is TypeORM's own again once the load ends, even when it throws", async () => {
        const tools = PlatformTools as unknown as { load: Load };
        const own = tools.load;
        await withDriverPackagesDeferred(async () => {
            expect(tools.load).not.to.equal(own);
            await withDriverPackagesDeferred(async () => undefined);
            expect(tools.load, "a nested load leaves the outer one's patch").not.to.equal(own);
        });
        expect(tools.load).to.equal(own);
        await withDriverPackagesDeferred(async () => Promise.reject(new Error("boom"))).catch(() => undefined);
        expect(tools.load).to.equal(own);
    });

    it("a user's data source file is loaded that way", async () => {
        const folder = mkdtempSync(join(tmpdir(), "deferred-driver-"));
        try {
            const file = join(folder, "data-source.js");
            writeFileSync(
                file,
                `const { DataSource } = require(${JSON.stringify(require.resolve("typeorm"))});\nmodule.exports = new DataSource({ type: "postgres" });\n`,
            );
            await countingLoads(async (loads) => {
                await loadUserModule(file, "data source");
                expect(loads.get("pg") ?? 0).to.equal(0);
            });
        } finally {
            rmSync(folder, { recursive: true, force: true });
        }
    });
});
