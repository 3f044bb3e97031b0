import "reflect-metadata";
import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createConnection, type Connection } from "mysql2/promise";
import { Column, Entity, Index, PrimaryColumn, Unique, type DataSource } from "typeorm";
import { buildBlogDataSource, type FixtureDataSourceOptions } from "../../fixtures/blog/build-data-source";
import type { EntityClass } from "../../fixtures/entity-class";
import { readSchema } from "../../lib/entities/read-schema";
import { pendingChanges } from "../../lib/generate/plan-revision";
import { Runner } from "../../lib/runner/runner";
import { RevisionStore } from "../../lib/store/revision-store";
import { diffCatalogs } from "../support/catalog/compare";
import { createMysqlDatabase, type MysqlTestDatabase } from "../support/databases";
import { connectForMigrations, mariadbHarness, synchronizedCatalog } from "../support/dialect-harness";
import { generateFor } from "../support/generate";

// `generate --online` on MariaDB 10.11: a table with rows gets a column, an index and a VARCHAR
// widened within its 1-byte length prefix; every statement names the ALGORITHM= and LOCK= the
// lock table gives it (the server would refuse one it cannot honour), and the database ends where
// synchronize() builds it. spec/dialects/mysql.spec.ts asserts the clauses op by op.

@Entity({ name: "account" })
class Account1 {
    @PrimaryColumn({ type: "int" }) id: number;
    // utf8mb4: 40 × 4 = 160 bytes, 60 × 4 = 240: both under 256, the length prefix stays 1 byte.
    @Column({ type: "varchar", length: 40 }) name: string;
}

@Entity({ name: "account" })
class Account2 {
    @PrimaryColumn({ type: "int" }) id: number;
    @Index("IDX_account_name")
    @Column({ type: "varchar", length: 60 })
    name: string;
    @Column({ type: "int", default: 0 }) score: number;
}

/** More of what the lock table gives a clause to, each way: a comment, a FULLTEXT index, a unique, NOT NULL, an enum value, drops (TypeORM writes no checks on MySQL). */
@Entity({ name: "gadget" })
class Gadget1 {
    @PrimaryColumn({ type: "int" }) id: number;
    @Index("IDX_gadget_label")
    @Column({ type: "varchar", length: 40 })
    label: string;
    @Column({ type: "varchar", length: 50, nullable: true }) note: string | null;
    @Column({ type: "enum", enum: ["a", "b"], default: "a" }) kind: string;
    @Column({ type: "text" }) body: string;
    @Column({ type: "varchar", length: 20 }) code: string;
    @Column({ type: "int", nullable: true }) legacy: number | null;
}

@Entity({ name: "gadget", comment: "gadgets" })
@Unique("UQ_gadget_code", ["code"])
class Gadget2 {
    @PrimaryColumn({ type: "int" }) id: number;
    @Column({ type: "varchar", length: 40 }) label: string;
    @Column({ type: "varchar", length: 50 }) note: string;
    @Column({ type: "enum", enum: ["a", "b", "c"], default: "a" }) kind: string;
    @Index("IDX_gadget_body", { fulltext: true })
    @Column({ type: "text" })
    body: string;
    @Column({ type: "varchar", length: 20 }) code: string;
}

const build = (entities: EntityClass[]) => (options: FixtureDataSourceOptions) => buildBlogDataSource(entities, options);
const ROWS = 20000;

/** Inserts a row and updates another, autocommitted, until stopped; counts commits and keeps every error. */
class Writer {
    readonly errors: Error[] = [];
    commits = 0;
    private stopped = false;
    private done: Promise<void> = Promise.resolve();

    constructor(private readonly connection: Connection) {}

    start(firstId: number): void {
        this.done = (async () => {
            for (let id = firstId; !this.stopped; id++) {
                try {
                    await this.connection.query("INSERT INTO `account` (`id`, `name`) VALUES (?, ?)", [id, `w-${id}`]);
                    await this.connection.query("UPDATE `account` SET `name` = CONCAT(`name`, '') WHERE `id` = ?", [(id % ROWS) + 1]);
                    this.commits++;
                } catch (error) {
                    this.errors.push(error as Error);
                }
            }
        })();
    }

    async stop(): Promise<void> {
        this.stopped = true;
        await this.done;
        await this.connection.end().catch(() => undefined);
    }
}

describe("generate --online on MariaDB: a column, an index and a widened VARCHAR on a table with rows", () => {
    let db: MysqlTestDatabase;
    let options: FixtureDataSourceOptions;
    let dataSource: DataSource;
    let dir: string;
    let text: string;
    const runner = () => new Runner(dataSource, RevisionStore.open(dir));
    const count = async () => Number((await dataSource.query<{ n: number | string }[]>("SELECT count(*) AS n FROM `account`"))[0].n);

    before(async () => {
        db = await createMysqlDatabase();
        options = { ...db.options, type: "mariadb" };
        dir = mkdtempSync(join(tmpdir(), "tm-online-mariadb-"));
        dataSource = await connectForMigrations(build([Account1])(options));
        await generateFor(dir, build([Account1])(options), { message: "accounts", revisionId: "onmy0001", timestamp: 1764000000000 });
        expect((await runner().upgrade("onmy0001")).map((r) => r.status)).to.deep.equal(["applied"]);
        await dataSource.query("INSERT INTO `account` (`id`, `name`) SELECT seq, CONCAT('name-', seq) FROM seq_1_to_" + String(ROWS));
        const file = await generateFor(dir, build([Account2])(options), { message: "online", revisionId: "onmy0002", timestamp: 1764000001000, online: true });
        text = readFileSync(file as string, "utf8");
    });

    after(async () => {
        if (dataSource?.isInitialized) await dataSource.destroy();
        await db?.drop();
        if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("names the algorithm and lock level of each change, both ways", () => {
        for (const form of [
            "ALTER TABLE `account` MODIFY COLUMN `name` varchar(60) NOT NULL, ALGORITHM=INPLACE, LOCK=NONE",
            "ALTER TABLE `account` ADD COLUMN `score` int NOT NULL DEFAULT '0', ALGORITHM=INSTANT",
            "CREATE INDEX `IDX_account_name` ON `account` (`name`) ALGORITHM=INPLACE LOCK=NONE",
            // Down: the index and the column go without a copy; narrowing the VARCHAR copies (no clause).
            "ALTER TABLE `account` DROP INDEX `IDX_account_name`, ALGORITHM=INPLACE, LOCK=NONE",
            "ALTER TABLE `account` DROP COLUMN `score`, ALGORITHM=INSTANT",
            'ALTER TABLE `account` MODIFY COLUMN `name` varchar(40) NOT NULL")',
        ]) {
            expect(text).to.include(form);
        }
    });

    it("upgrades (the server accepts every clause) while another connection keeps writing; the database is what synchronize() builds, check is clean, rows kept", async () => {
        const writer = new Writer(
            await createConnection({
                host: db.options.host,
                port: db.options.port,
                user: db.options.username,
                password: db.options.password,
                database: db.name,
            }),
        );
        try {
            writer.start(ROWS + 1);
            while (writer.commits < 20) await new Promise((resolve) => setTimeout(resolve, 5));
            const before = writer.commits;
            expect((await runner().upgrade("onmy0002")).map((r) => [r.status, r.error?.message])).to.deep.equal([["applied", undefined]]);
            const during = writer.commits - before;
            await writer.stop();
            expect(writer.errors.map((e) => e.message)).to.deep.equal([]);
            expect(during).to.be.greaterThan(0);
        } finally {
            await writer.stop();
        }
        await dataSource.query("DELETE FROM `account` WHERE `id` > ?", [ROWS]);
        expect(
            diffCatalogs(await synchronizedCatalog(mariadbHarness, build([Account2])), await mariadbHarness.dump(dataSource), {
                a: "synchronize()",
                b: "online migration",
            }),
        ).to.deep.equal([]);
        expect(pendingChanges(RevisionStore.open(dir), await readSchema(build([Account2])(options))).ops).to.deep.equal([]);
        expect(await count()).to.equal(ROWS);
        expect(await dataSource.query("SELECT `name`, `score` FROM `account` WHERE `id` = 7")).to.deep.equal([{ name: "name-7", score: 0 }]);
    });

    it("downgrades to the previous catalog, rows kept", async () => {
        expect((await runner().downgrade("onmy0001")).map((r) => [r.status, r.error?.message])).to.deep.equal([["reverted", undefined]]);
        expect(
            diffCatalogs(await synchronizedCatalog(mariadbHarness, build([Account1])), await mariadbHarness.dump(dataSource), {
                a: "synchronize()",
                b: "after downgrade",
            }),
        ).to.deep.equal([]);
        expect(await count()).to.equal(ROWS);
    });

    it("the server refuses a clause it cannot honour, rather than copying the table", async () => {
        let error: Error | null = null;
        await dataSource.query("ALTER TABLE `account` MODIFY COLUMN `name` int NOT NULL, ALGORITHM=INPLACE, LOCK=NONE").catch((e: Error) => (error = e));
        expect((error as Error | null)?.message).to.match(/ALGORITHM=INPLACE is not supported/);
    });
});

describe("generate --online on MariaDB: a comment, a FULLTEXT index, a unique, NOT NULL, an enum value and drops, each way", () => {
    let db: MysqlTestDatabase;
    let options: FixtureDataSourceOptions;
    let dataSource: DataSource;
    let dir: string;
    let text: string;
    const runner = () => new Runner(dataSource, RevisionStore.open(dir));

    before(async () => {
        db = await createMysqlDatabase();
        options = { ...db.options, type: "mariadb" };
        dir = mkdtempSync(join(tmpdir(), "tm-online-mariadb-"));
        dataSource = await connectForMigrations(build([Gadget1])(options));
        await generateFor(dir, build([Gadget1])(options), { message: "gadgets", revisionId: "ongd0001", timestamp: 1764000000000 });
        expect((await runner().upgrade("ongd0001")).map((r) => r.status)).to.deep.equal(["applied"]);
        await dataSource.query(
            "INSERT INTO `gadget` (`id`, `label`, `note`, `kind`, `body`, `code`, `legacy`) " +
                "SELECT seq, CONCAT('g', seq), IF(seq % 2 = 0, NULL, 'n'), IF(seq % 2 = 0, 'a', 'b'), CONCAT('body of ', seq), CONCAT('c-', seq), seq FROM seq_1_to_" +
                String(ROWS),
        );
        const file = await generateFor(dir, build([Gadget2])(options), {
            message: "online",
            revisionId: "ongd0002",
            timestamp: 1764000001000,
            online: true,
            backfills: [{ table: { schema: "", table: "gadget" }, column: "note", value: "'-'" }],
        });
        text = readFileSync(file as string, "utf8");
    });

    after(async () => {
        if (dataSource?.isInitialized) await dataSource.destroy();
        await db?.drop();
        if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("names the clauses", () => {
        for (const form of [
            "COMMENT='gadgets', ALGORITHM=INSTANT",
            "CREATE FULLTEXT INDEX `IDX_gadget_body` ON `gadget` (`body`) ALGORITHM=INPLACE LOCK=SHARED",
            "CREATE UNIQUE INDEX `UQ_gadget_code` ON `gadget` (`code`) ALGORITHM=INPLACE LOCK=NONE",
            "MODIFY COLUMN `note` varchar(50) NOT NULL, ALGORITHM=INPLACE, LOCK=NONE",
            "MODIFY COLUMN `kind` enum('a', 'b', 'c') NOT NULL DEFAULT 'a', ALGORITHM=INSTANT",
            // Down: the enum value goes with a copy (no clause), the rest as up.
            "MODIFY COLUMN `kind` enum('a', 'b') NOT NULL DEFAULT 'a'\")",
            "DROP INDEX `IDX_gadget_body`, ALGORITHM=INPLACE, LOCK=NONE",
            "MODIFY COLUMN `note` varchar(50) NULL, ALGORITHM=INPLACE, LOCK=NONE",
            "ADD COLUMN `legacy` int NULL, ALGORITHM=INSTANT",
            "DROP COLUMN `legacy`, ALGORITHM=INSTANT",
            "DROP INDEX `IDX_gadget_label`, ALGORITHM=INPLACE, LOCK=NONE",
        ]) {
            expect(text).to.include(form);
        }
    });

    it("upgrades and downgrades, each time as synchronize() builds it, rows kept", async () => {
        expect((await runner().upgrade("ongd0002")).map((r) => [r.status, r.error?.message])).to.deep.equal([["applied", undefined]]);
        expect(
            diffCatalogs(await synchronizedCatalog(mariadbHarness, build([Gadget2])), await mariadbHarness.dump(dataSource), {
                a: "synchronize()",
                b: "online migration",
            }),
        ).to.deep.equal([]);
        expect(pendingChanges(RevisionStore.open(dir), await readSchema(build([Gadget2])(options))).ops).to.deep.equal([]);
        expect(await dataSource.query("SELECT `note`, `kind` FROM `gadget` WHERE `id` IN (1, 2) ORDER BY `id`")).to.deep.equal([
            { note: "n", kind: "b" },
            { note: "-", kind: "a" },
        ]);

        expect((await runner().downgrade("ongd0001")).map((r) => [r.status, r.error?.message])).to.deep.equal([["reverted", undefined]]);
        expect(
            diffCatalogs(await synchronizedCatalog(mariadbHarness, build([Gadget1])), await mariadbHarness.dump(dataSource), {
                a: "synchronize()",
                b: "after downgrade",
            }),
        ).to.deep.equal([]);
        const [{ n }] = await dataSource.query<{ n: number | string }[]>("SELECT count(*) AS n FROM `gadget`");
        expect(Number(n)).to.equal(ROWS);
    });
});
