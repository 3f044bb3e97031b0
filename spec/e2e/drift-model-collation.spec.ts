import { expect } from "chai";
import type { DataSource } from "typeorm";
import { buildBlogDataSource } from "../../fixtures/blog/build-data-source";
import { entities } from "../../fixtures/drift/entities";
import { mysqlDialect } from "../../lib/dialects/mysql";
import { diff } from "../../lib/diff/diff";
import { introspect } from "../../lib/introspect";
import { renderStatements } from "../../lib/render/statements";
import type { Schema } from "../../lib/schema/model";
import { mariadbHarness, type ScratchDatabase } from "../support/dialect-harness";

// Issue 16: a table's collation changed by a migration (CONVERT TO and back), on a real server.
// Entities cannot declare one, so only a delta between two adopted states writes this; it must
// still leave the columns as the model says: those without a collation of their own follow the
// table, the others (and MariaDB's json, a utf8mb4_bin longtext) keep theirs.

describe("a table's collation changed by a migration on MariaDB", () => {
    let db: ScratchDatabase;
    let dataSource: DataSource;
    const read = () => introspect(dataSource);
    const migrate = async (from: Schema, to: Schema) => {
        const statements = renderStatements(mysqlDialect, from, diff(from, to)).flatMap((step) => step.statements.map((s) => s.sql));
        for (const sql of statements) await dataSource.query(sql);
        return statements;
    };
    const catalog = () => mariadbHarness.dump(dataSource);

    before(async () => {
        db = await mariadbHarness.createDatabase();
        dataSource = await buildBlogDataSource(entities, db.options).initialize();
    });
    after(async () => {
        await dataSource?.destroy();
        await db?.drop();
    });

    it("converts the table and its following columns, gives the others theirs back, and returns to the database's collation in the down", async () => {
        await dataSource.query(
            "CREATE TABLE `note` (`id` int NOT NULL PRIMARY KEY, `body` text NOT NULL, `tag` varchar(40) COLLATE utf8mb4_bin NOT NULL, `meta` json NULL)",
        );
        await dataSource.query(`INSERT INTO note VALUES (1, 'Grüße', 'A', '{"a": 1}'), (2, 'grusse', 'a', NULL)`);
        const plain = await read();
        const plainCatalog = await catalog();
        expect(plain.tables[0]).not.to.have.any.keys("charset", "collation");
        await dataSource.query("ALTER TABLE `note` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci");
        await dataSource.query("ALTER TABLE `note` MODIFY `tag` varchar(40) COLLATE utf8mb4_bin NOT NULL, MODIFY `meta` json NULL");
        const converted = await read();
        const convertedCatalog = await catalog();
        expect(converted.tables[0]).to.include({ charset: "utf8mb4", collation: "utf8mb4_unicode_520_ci" });

        const down = await migrate(converted, plain);
        expect(down).to.deep.equal(["ALTER TABLE `note` DEFAULT CHARACTER SET DEFAULT, MODIFY COLUMN `body` text NOT NULL"]);
        expect(diff(plain, await read())).to.deep.equal([]);
        expect(await catalog()).to.deep.equal(plainCatalog);

        const up = await migrate(plain, converted);
        expect(up).to.deep.equal([
            "ALTER TABLE `note` DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci, MODIFY COLUMN `body` text CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci NOT NULL",
        ]);
        expect(diff(converted, await read())).to.deep.equal([]);
        expect(await catalog()).to.deep.equal(convertedCatalog);
        expect(await dataSource.query("SELECT id, body, tag, meta FROM note ORDER BY id")).to.deep.equal([
            { id: 1, body: "Grüße", tag: "A", meta: { a: 1 } },
            { id: 2, body: "grusse", tag: "a", meta: null },
        ]);
    });

    it("to latin1 and back: a column with its own utf8mb4 collation keeps its bytes untouched, text stays text", async () => {
        await dataSource.query(
            "CREATE TABLE `memo` (`id` int NOT NULL PRIMARY KEY, `body` text NOT NULL, `title` varchar(20) NULL, `tag` varchar(40) COLLATE utf8mb4_bin NOT NULL)",
        );
        await dataSource.query("INSERT INTO memo VALUES (1, 'Grüße', 'ü', '😀 ü'), (2, 'plain', NULL, '𝄞')");
        const rows = (): Promise<unknown[]> => dataSource.query("SELECT id, body, title, HEX(tag) AS tag FROM memo ORDER BY id");
        const before = await rows();
        expect(before).to.deep.include({ id: 1, body: "Grüße", title: "ü", tag: "F09F988020C3BC" });
        const plain = await read();
        const plainCatalog = await catalog();
        const memo = plain.tables.find((table) => table.table === "memo")!;
        const latin1: Schema = {
            ...plain,
            tables: plain.tables.map((table) => (table === memo ? { ...table, charset: "latin1", collation: "latin1_german1_ci" } : table)),
            // Its character set is no longer the table's, so the server names it.
            columns: plain.columns.map((column) => (column.table === "memo" && column.name === "tag" ? { ...column, charset: "utf8mb4" } : column)),
        };

        await migrate(plain, latin1);
        expect(diff(latin1, await read())).to.deep.equal([]);
        expect(await rows()).to.deep.equal(before);

        await migrate(latin1, plain);
        expect(diff(plain, await read())).to.deep.equal([]);
        expect(await catalog()).to.deep.equal(plainCatalog);
        expect(await rows()).to.deep.equal(before);
        const types: unknown[] = await dataSource.query(
            "SELECT DATA_TYPE AS type FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'memo' AND COLUMN_NAME = 'body'",
        );
        expect(types).to.deep.equal([{ type: "text" }]);
    });
});
