import { expect } from "chai";
import { createConnection, type Connection } from "mysql2/promise";
import { dumpMysqlCatalog } from "../support/catalog/mysql";
import { diffCatalogs } from "../support/catalog/compare";
import { createMysqlDatabase, type MysqlTestDatabase } from "../support/databases";

// The MySQL catalog dump must see every change a migration could get wrong; otherwise comparing
// a migrated database with synchronize()'s would pass vacuously. Each case changes one thing on
// a copy of the same schema and expects the comparison to name it.

const SCHEMA = [
    "CREATE TABLE `parent` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `code` varchar(20) CHARACTER SET latin1 COLLATE latin1_swedish_ci NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB COMMENT='parents'",
    "CREATE TABLE `child` (`id` int NOT NULL AUTO_INCREMENT, `parentId` int UNSIGNED NULL, `size` enum('s','m') NOT NULL DEFAULT 's', " +
        "`at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), `body` text NOT NULL COMMENT 'the body', " +
        "`twice` int AS (`id` * 2) VIRTUAL, `qty` int UNSIGNED NOT NULL DEFAULT 0, PRIMARY KEY (`id`)) ENGINE=InnoDB",
    "CREATE TABLE `note` (`id` int NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB COMMENT='notes'",
    "CREATE INDEX `IDX_size_at` ON `child` (`size`, `at`)",
    "CREATE FULLTEXT INDEX `IDX_body` ON `child` (`body`)",
    "ALTER TABLE `child` ADD CONSTRAINT `FK_parent` FOREIGN KEY (`parentId`) REFERENCES `parent` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION",
    "CREATE VIEW `codes` AS SELECT `code` FROM `parent`",
    "CREATE TABLE `typeorm_metadata` (`type` varchar(255) NOT NULL, `database` varchar(255) NULL, `schema` varchar(255) NULL, `table` varchar(255) NULL, `name` varchar(255) NULL, `value` text NULL)",
    "INSERT INTO `typeorm_metadata` VALUES ('VIEW', NULL, DATABASE(), NULL, 'codes', 'SELECT `code` FROM `parent`')",
];

const changes: [string, string | string[], RegExp][] = [
    ["a column type", "ALTER TABLE `child` MODIFY `size` enum('s','m','l') NOT NULL DEFAULT 's'", /columns child\.size: type/],
    ["unsigned", "ALTER TABLE `child` MODIFY `qty` int NOT NULL DEFAULT 0", /columns child\.qty: type/],
    ["a default", "ALTER TABLE `child` MODIFY `size` enum('s','m') NOT NULL DEFAULT 'm'", /columns child\.size: default/],
    ["NULL-ability", "ALTER TABLE `child` MODIFY `body` text NULL COMMENT 'the body'", /columns child\.body: nullable/],
    ["a column comment", "ALTER TABLE `child` MODIFY `body` text NOT NULL COMMENT 'another'", /columns child\.body: comment/],
    ["datetime precision and ON UPDATE", "ALTER TABLE `child` MODIFY `at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)", /columns child\.at: extra/],
    ["a collation", "ALTER TABLE `parent` MODIFY `code` varchar(20) CHARACTER SET latin1 COLLATE latin1_bin NOT NULL", /columns parent\.code: collation/],
    ["a charset", "ALTER TABLE `parent` MODIFY `code` varchar(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL", /columns parent\.code: charset/],
    ["a generation expression", "ALTER TABLE `child` MODIFY `twice` int AS (`id` * 3) VIRTUAL", /columns child\.twice: expression/],
    ["an index name", "ALTER TABLE `child` RENAME INDEX `IDX_size_at` TO `IDX_other`", /indexes child\.IDX_other: only in/],
    ["index column order", "ALTER TABLE `child` DROP INDEX `IDX_size_at`, ADD INDEX `IDX_size_at` (`at`, `size`)", /indexes child\.IDX_size_at: columns/],
    ["index uniqueness", "ALTER TABLE `child` DROP INDEX `IDX_size_at`, ADD UNIQUE INDEX `IDX_size_at` (`size`, `at`)", /indexes child\.IDX_size_at: unique/],
    [
        "a foreign key rule",
        [
            "ALTER TABLE `child` DROP FOREIGN KEY `FK_parent`",
            "ALTER TABLE `child` ADD CONSTRAINT `FK_parent` FOREIGN KEY (`parentId`) REFERENCES `parent` (`id`) ON DELETE SET NULL",
        ],
        /foreignKeys child\.FK_parent: onDelete/,
    ],
    ["a foreign key's implicit index left behind", "ALTER TABLE `child` DROP FOREIGN KEY `FK_parent`", /foreignKeys child\.FK_parent: only in/],
    ["a table comment", "ALTER TABLE `parent` COMMENT='other'", /tables parent: comment/],
    ["a table engine", "ALTER TABLE `note` ENGINE=MyISAM", /tables note: engine/],
    ["a check", "ALTER TABLE `parent` ADD CONSTRAINT `CHK_code` CHECK (`code` <> '')", /checks parent\.CHK_code: only in/],
    ["a view", "CREATE OR REPLACE VIEW `codes` AS SELECT `code`, `id` FROM `parent`", /views codes: definition/],
    ["a typeorm_metadata row", "UPDATE `typeorm_metadata` SET `value` = 'x'", /typeormMetadata .*: value/],
];

describe("mysql catalog dump: a comparison that cannot pass vacuously", () => {
    let db: MysqlTestDatabase;
    let connection: Connection;
    const dump = () => dumpMysqlCatalog(async (sql, params) => (await connection.query(sql, params))[0] as Record<string, unknown>[]);

    before(async () => {
        db = await createMysqlDatabase();
        connection = await createConnection({
            host: db.options.host,
            port: db.options.port,
            user: db.options.username,
            password: db.options.password,
            database: db.name,
        });
    });
    after(async () => {
        await connection?.end();
        await db?.drop();
    });
    beforeEach(async () => {
        await connection.query("SET FOREIGN_KEY_CHECKS = 0");
        const [objects] = await connection.query(
            "SELECT TABLE_NAME AS name, TABLE_TYPE AS kind FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()",
        );
        for (const { name, kind } of objects as { name: string; kind: string }[]) {
            await connection.query(`DROP ${kind === "VIEW" ? "VIEW" : "TABLE"} \`${name}\``);
        }
        await connection.query("SET FOREIGN_KEY_CHECKS = 1");
        for (const sql of SCHEMA) await connection.query(sql);
    });

    it("dumps what the schema holds: full types, extras, charsets, implicit foreign key indexes, the view without the database name", async () => {
        const catalog = await dump();
        const column = (table: string, name: string) => catalog.columns.find((c) => c.key.join(".") === `${table}.${name}`);
        expect(column("parent", "id")).to.include({ type: "int(10) unsigned", extra: "auto_increment", nullable: "NO" });
        expect(column("child", "at")).to.include({ type: "datetime(3)", extra: "on update current_timestamp(3)" });
        expect(column("parent", "code")).to.include({ charset: "latin1", collation: "latin1_swedish_ci" });
        expect(catalog.indexes.map((i) => i.key.join("."))).to.include.members(["child.FK_parent", "child.IDX_body", "child.PRIMARY"]);
        expect(catalog.indexes.find((i) => i.key.join(".") === "child.IDX_body")).to.include({ type: "FULLTEXT" });
        expect(catalog.views[0].definition).to.include("`<current database>`.`parent`").and.not.include(db.name);
        expect(catalog.typeormMetadata[0].key).to.deep.equal(["VIEW", "", "<current database>", "", "codes"]);
    });

    for (const [what, sql, expected] of changes) {
        it(`notices ${what}`, async () => {
            const before = await dump();
            expect(diffCatalogs(before, await dump())).to.deep.equal([]);
            for (const statement of typeof sql === "string" ? [sql] : sql) await connection.query(statement);
            const differences = diffCatalogs(before, await dump());
            expect(differences.join("\n")).to.match(expected);
        });
    }
});
