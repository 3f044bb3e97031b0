import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { buildBlogDataSource, type FixtureDataSourceOptions } from "../../fixtures/blog/build-data-source";
import type { EntityClass } from "../../fixtures/entity-class";
import { Customer5, versions } from "../../fixtures/data-safety/steps";
import { v1 as risky1, v2 as risky2 } from "../../fixtures/data-safety/risky";
import { narrowingVersions } from "../../fixtures/data-safety/narrowing";
import { backfillsNeeded } from "../../lib/diff/backfills";
import { pendingChanges } from "../../lib/generate/plan-revision";
import { readSchema } from "../../lib/entities/read-schema";
import { Runner } from "../../lib/runner/runner";
import { RevisionStore } from "../../lib/store/revision-store";
import { diffCatalogs } from "../support/catalog/compare";
import { connectForMigrations, harnesses, mysqlHarnesses, synchronizedCatalog, type DialectHarness, type ScratchDatabase } from "../support/dialect-harness";
import { generateFor } from "../support/generate";
import { describeVersionSteps } from "../support/version-steps";

const allHarnesses: readonly DialectHarness[] = [...harnesses, ...mysqlHarnesses];

/** SQL that names things the way the harness's database quotes them. */
function sqlFor(harness: DialectHarness): (strings: TemplateStringsArray, ...names: string[]) => string {
    const quote = harness.name === "mysql" || harness.name === "mariadb" ? "`" : '"';
    return (strings, ...names) => strings.reduce((sql, part, i) => sql + part + (i < names.length ? `${quote}${names[i]}${quote}` : ""), "");
}

const schemaOf = (harness: DialectHarness) => (harness.name === "postgres" ? "public" : "");
const build = (entities: EntityClass[]) => (options: FixtureDataSourceOptions) => buildBlogDataSource(entities, options);

/** A scratch database and migrations folder for one describe block, connected with `entities`, removed after it. */
function scratchBind(harness: DialectHarness, entities: EntityClass[]) {
    const bind = {} as { db: ScratchDatabase; dataSource: DataSource; dir: string; runner: () => Runner };
    bind.runner = () => new Runner(bind.dataSource, RevisionStore.open(bind.dir));
    before(async () => {
        bind.db = await harness.createDatabase();
        bind.dir = mkdtempSync(join(tmpdir(), "tm-data-safety-"));
        bind.dataSource = await connectForMigrations(build(entities)(bind.db.options));
    });
    after(async () => {
        if (bind.dataSource?.isInitialized) await bind.dataSource.destroy();
        await bind.db?.drop();
        if (bind.dir) rmSync(bind.dir, { recursive: true, force: true });
    });
    return bind;
}

for (const harness of allHarnesses) {
    const sql = sqlFor(harness);
    const rows = async (dataSource: DataSource, column: string) =>
        await dataSource.query<{ name: string; value: unknown }[]>(sql`SELECT ${"name"}, ${column} AS ${"value"} FROM ${"customer"} ORDER BY ${"id"}`);

    // A nullable column added, then made NOT NULL with a default (its NULLs backfilled) while a type
    // and a length widen, then a column renamed: rows go in before each step and are checked after.
    describeVersionSteps(
        "data safety: three steps with rows",
        harness,
        [
            { id: "safe0001", build: build(versions[0]) },
            { id: "safe0002", build: build(versions[1]) },
            { id: "safe0003", build: build(versions[2]) },
            {
                id: "safe0004",
                build: build(versions[3]),
                renames: { tables: [], columns: [{ table: { schema: schemaOf(harness), table: "customer" }, from: "label", to: "title" }] },
            },
        ],
        {
            async afterUpgrade(index, dataSource) {
                if (index === 0) {
                    await dataSource.query(sql`INSERT INTO ${"customer"} (${"name"}, ${"label"}, ${"visits"}) VALUES ('ann', 'vip', 3), ('bob', NULL, 30000)`);
                }
                if (index === 1) {
                    await dataSource.query(sql`UPDATE ${"customer"} SET ${"phone"} = '555' WHERE ${"name"} = 'ann'`);
                    expect(await rows(dataSource, "phone")).to.deep.equal([
                        { name: "ann", value: "555" },
                        { name: "bob", value: null },
                    ]);
                }
                if (index >= 2) {
                    // bob's NULL phone took the default; nobody's value changed.
                    expect(await rows(dataSource, "phone")).to.deep.equal([
                        { name: "ann", value: "555" },
                        { name: "bob", value: "" },
                    ]);
                    expect((await rows(dataSource, "visits")).map((r) => Number(r.value))).to.deep.equal([3, 30000]);
                }
                const label = index === 3 ? "title" : "label";
                expect(await rows(dataSource, label)).to.deep.equal([
                    { name: "ann", value: "vip" },
                    { name: "bob", value: null },
                ]);
            },
            async afterDowngrade(index, dataSource) {
                if (index < 0) return;
                expect(await rows(dataSource, "label")).to.deep.equal([
                    { name: "ann", value: "vip" },
                    { name: "bob", value: null },
                ]);
                // The down makes phone nullable again but does not undo the backfill.
                if (index === 1)
                    expect(await rows(dataSource, "phone")).to.deep.equal([
                        { name: "ann", value: "555" },
                        { name: "bob", value: "" },
                    ]);
            },
        },
    );

    describe(`data safety: checks before the first statement on ${harness.name}`, () => {
        const bind = scratchBind(harness, risky1);
        const { runner } = bind;
        const keepsValues = harness.name !== "sqlite"; // SQLite stores any length in any column: narrowing loses nothing there.

        before(async () => {
            const { db, dir, dataSource } = bind;
            await generateFor(dir, build(risky1)(db.options), { message: "one", revisionId: "risk0001", timestamp: 1764000000000 });
            expect((await runner().upgrade("risk0001")).map((r) => r.status)).to.deep.equal(["applied"]);
            await dataSource.query(sql`INSERT INTO ${"warehouse"} (${"id"}) VALUES (1)`);
            const long = "x".repeat(150);
            await dataSource.query(
                sql`INSERT INTO ${"item"} (${"id"}, ${"sku"}, ${"code"}, ${"state"}, ${"warehouseId"}, ${"note"}) VALUES ` +
                    `(1, '${long}', 'A', 'broken', 99, NULL), (2, 'short', 'A', 'new', 1, 'kept'), (3, 'other', 'B', 'used', NULL, NULL)`,
            );
        });

        it("a NOT NULL column without a default needs a backfill; given one, the migration is written with the UPDATE", async () => {
            const needed = backfillsNeeded(pendingChanges(RevisionStore.open(bind.dir), await readSchema(build(risky2)(bind.db.options))).ops);
            expect(needed.map((op) => (op.kind === "addColumn" ? op.column.name : op.after.name)).sort()).to.deep.equal(["note", "rank"]);
            const file = await generateFor(bind.dir, build(risky2)(bind.db.options), {
                message: "two",
                revisionId: "risk0002",
                timestamp: 1764000001000,
                backfills: [{ table: { schema: schemaOf(harness), table: "item" }, column: "rank", value: "7" }],
            });
            expect(file).to.be.a("string");
        });

        it("stops before changing anything, one line per failed check with counts and the first key, the bind clean", async () => {
            const before = await harness.dump(bind.dataSource);
            const [result] = await runner().upgrade("risk0002");
            expect(result.status).to.equal("failed");
            const lines = (result.error?.message ?? "").split("\n");
            expect(lines[0]).to.equal("data checks failed; this migration changed nothing:");
            const expected = [
                ...(keepsValues ? ["  item.sku: values longer than 100 characters: 1 (first: id=1)"] : []),
                "  item.state: values broken (removed from the enum): 1 (first: id=1)",
                "  item.note: rows holding NULL, and the column becomes NOT NULL with no default or backfill: 2 (first: id=1)",
                `  item (code): values held by more than one row (unique index IDX_item_code): 1 (first: code="A")`,
                "  item (warehouseId): values no row of warehouse holds (foreign key FK_59e14a7b9bb9d455f362334fdee): 1 (first: id=1)",
            ];
            expect(lines.slice(1)).to.deep.equal(expected);
            expect(diffCatalogs(before, await harness.dump(bind.dataSource), { a: "before", b: "after the refused migration" })).to.deep.equal([]);
            expect(await runner().dirty()).to.equal(null);
            expect([...(await runner().state()).applied]).to.deep.equal(["risk0001"]);
        });

        it("once the rows are mended it applies, builds what synchronize() builds, and every row is kept", async () => {
            await bind.dataSource.query(
                sql`UPDATE ${"item"} SET ${"sku"} = 'long', ${"code"} = 'D', ${"state"} = 'used', ${"warehouseId"} = NULL, ${"note"} = 'mended' WHERE ${"id"} = 1`,
            );
            await bind.dataSource.query(sql`UPDATE ${"item"} SET ${"code"} = 'C', ${"note"} = 'mended' WHERE ${"id"} = 3`);
            const results = await runner().upgrade("risk0002");
            expect(results.map((r) => [r.status, r.error?.message])).to.deep.equal([["applied", undefined]]);
            expect(
                diffCatalogs(await synchronizedCatalog(harness, build(risky2)), await harness.dump(bind.dataSource), {
                    a: "synchronize()",
                    b: "migrations",
                }),
            ).to.deep.equal([]);
            const kept = await bind.dataSource.query<Record<string, unknown>[]>(
                sql`SELECT ${"id"}, ${"sku"}, ${"code"}, ${"state"}, ${"note"}, ${"rank"} FROM ${"item"} ORDER BY ${"id"}`,
            );
            expect(kept.map((r) => [Number(r.id), r.sku, r.code, r.state, r.note, Number(r.rank)])).to.deep.equal([
                [1, "long", "D", "used", "mended", 7],
                [2, "short", "A", "new", "kept", 7],
                [3, "other", "C", "used", "mended", 7],
            ]);
        });

        it("the down reverts with every row kept (the backfilled values stay)", async () => {
            const results = await runner().downgrade("risk0001");
            expect(results.map((r) => [r.status, r.error?.message])).to.deep.equal([["reverted", undefined]]);
            expect((await bind.dataSource.query<{ note: string }[]>(sql`SELECT ${"note"} FROM ${"item"} ORDER BY ${"id"}`)).map((r) => r.note)).to.deep.equal([
                "mended",
                "kept",
                "mended",
            ]);
        });
    });
}

for (const harness of allHarnesses.filter((h) => h.name !== "sqlite")) {
    const sql = sqlFor(harness);
    const [wide, narrow] = narrowingVersions(harness.name === "postgres" ? "postgres" : "mysql");

    describe(`data safety: narrowing never truncates or rounds silently on ${harness.name}`, () => {
        const bind = scratchBind(harness, wide);
        const { runner } = bind;

        before(async () => {
            const { db, dir, dataSource } = bind;
            await generateFor(dir, build(wide)(db.options), { message: "wide", revisionId: "wide0001", timestamp: 1764000000000 });
            await generateFor(dir, build(narrow)(db.options), { message: "narrow", revisionId: "narr0002", timestamp: 1764000001000 });
            expect((await runner().upgrade("wide0001")).map((r) => r.status)).to.deep.equal(["applied"]);
            await dataSource.query(
                sql`INSERT INTO ${"measure"} (${"id"}, ${"small"}, ${"amount"}, ${"at"}, ${"free"}) VALUES ` +
                    `(1, 5, 12.5, '2024-01-01 10:00:00.123', 'short'), (2, 100000, 123456.7891, '2024-01-01 10:00:00.123456', '${"x".repeat(30)}'), (3, 7, 1.2345, '2024-01-01 10:00:00', 'ok')`,
            );
        });

        it("each narrowing is named with its count and first row, and nothing changed", async () => {
            const before = await harness.dump(bind.dataSource);
            const [result] = await runner().upgrade("narr0002");
            expect(result.status).to.equal("failed");
            expect((result.error?.message ?? "").split("\n").slice(1)).to.deep.equal([
                "  measure.small: values outside -32768..32767: 1 (first: id=2)",
                "  measure.amount: values that do not fit numeric(6,2): 2 (first: id=2)",
                "  measure.at: values with more than 3 fractional second digits: 1 (first: id=2)",
                "  measure.free: values longer than 10 characters: 1 (first: id=2)",
            ]);
            expect(diffCatalogs(before, await harness.dump(bind.dataSource), { a: "before", b: "after the refused migration" })).to.deep.equal([]);
            expect(await runner().dirty()).to.equal(null);
        });

        it("with the values made to fit it applies and keeps them exactly", async () => {
            await bind.dataSource.query(
                sql`UPDATE ${"measure"} SET ${"small"} = 9, ${"amount"} = 4.5, ${"at"} = '2024-01-01 10:00:00.123', ${"free"} = 'fits' WHERE ${"id"} = 2`,
            );
            await bind.dataSource.query(sql`UPDATE ${"measure"} SET ${"amount"} = 1.23 WHERE ${"id"} = 3`);
            expect((await runner().upgrade("narr0002")).map((r) => [r.status, r.error?.message])).to.deep.equal([["applied", undefined]]);
            const kept = await bind.dataSource.query<Record<string, unknown>[]>(
                sql`SELECT ${"small"}, ${"amount"}, ${"free"} FROM ${"measure"} ORDER BY ${"id"}`,
            );
            expect(kept.map((r) => [Number(r.small), Number(r.amount), r.free])).to.deep.equal([
                [5, 12.5, "short"],
                [9, 4.5, "fits"],
                [7, 1.23, "ok"],
            ]);
            expect(
                diffCatalogs(await synchronizedCatalog(harness, build(narrow)), await harness.dump(bind.dataSource), {
                    a: "synchronize()",
                    b: "migrations",
                }),
            ).to.deep.equal([]);
        });
    });
}

describe("data safety: a resumed migration does not run its data checks again on mariadb", () => {
    const harness = mysqlHarnesses[1];
    const sql = sqlFor(harness);
    const bind = scratchBind(harness, versions[2]);
    const { runner } = bind;

    it("the checks passed before the first write; on resume they name columns the applied renames changed, so they are skipped", async () => {
        await generateFor(bind.dir, build(versions[2])(bind.db.options), { message: "three", revisionId: "resu0001", timestamp: 1764000000000 });
        expect((await runner().upgrade("resu0001")).map((r) => r.status)).to.deep.equal(["applied"]);
        await bind.dataSource.query(sql`INSERT INTO ${"customer"} (${"name"}, ${"label"}) VALUES ('ann', 'vip')`);
        const file = (await generateFor(bind.dir, build([Customer5])(bind.db.options), {
            message: "renamed",
            revisionId: "resu0002",
            timestamp: 1764000001000,
            renames: { tables: [], columns: [{ table: { schema: "", table: "customer" }, from: "label", to: "title" }] },
        })) as string;
        const text = readFileSync(file, "utf8");
        expect(text).to.include("CHAR_LENGTH(`label`) > 30");
        // A statement that fails after the rename ran: the bind is left dirty part way.
        const rename = text.split("\n").find((line) => line.includes("RENAME COLUMN")) as string;
        writeFileSync(file, text.replace(rename, `${rename}\n        await queryRunner.query("SELECT * FROM \`no_such_table\`");`));
        const [failed] = await runner().upgrade("resu0002");
        expect(failed.status).to.equal("failed");
        expect(await runner().dirty()).to.not.equal(null);

        writeFileSync(file, text);
        delete require.cache[file]; // as a new process would load it
        const resumed = await runner().upgrade("resu0002", undefined, { resume: true });
        expect(resumed.map((r) => [r.status, r.error?.message])).to.deep.equal([["applied", undefined]]);
        expect(await bind.dataSource.query(sql`SELECT ${"name"}, ${"title"} FROM ${"customer"}`)).to.deep.equal([{ name: "ann", title: "vip" }]);
        expect(
            diffCatalogs(await synchronizedCatalog(harness, build([Customer5])), await harness.dump(bind.dataSource), {
                a: "synchronize()",
                b: "migrations",
            }),
        ).to.deep.equal([]);
    });
});
