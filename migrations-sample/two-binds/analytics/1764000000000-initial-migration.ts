import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * typeorm-migrate revision
 * Revision: a7a100000001
 * Parents: <base>
 * Bind: analytics
 * Message: Initial migration.
 */
export class InitialMigration1764000000000 implements MigrationInterface {
    name = "InitialMigration1764000000000";

    public async up(queryRunner: QueryRunner): Promise<void> {
        // createTable: table daily_count is new
        await queryRunner.query([
            "CREATE TABLE `daily_count` (",
            "    `day` date NOT NULL,",
            "    `path` varchar(200) NOT NULL,",
            "    `views` int NOT NULL DEFAULT '0',",
            "    PRIMARY KEY (`day`, `path`)",
            ") ENGINE=InnoDB",
        ].join("\n"));

        // createTable: table page_view is new
        await queryRunner.query([
            "CREATE TABLE `page_view` (",
            "    `id` int NOT NULL AUTO_INCREMENT,",
            "    `path` varchar(500) NOT NULL,",
            "    `referrer` varchar(500) NULL,",
            "    `durationMs` int NOT NULL DEFAULT '0',",
            "    `viewedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),",
            "    PRIMARY KEY (`id`)",
            ") ENGINE=InnoDB",
        ].join("\n"));

        // createIndex: index IDX_9ead277670d4a3aa43587ddea6 on page_view (path, viewedAt) is new or changed
        await queryRunner.query("CREATE INDEX `IDX_9ead277670d4a3aa43587ddea6` ON `page_view` (`path`, `viewedAt`)");
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // dropIndex: undo: index IDX_9ead277670d4a3aa43587ddea6 on page_view (path, viewedAt) is new or changed
        await queryRunner.query("DROP INDEX `IDX_9ead277670d4a3aa43587ddea6` ON `page_view`");

        // DESTRUCTIVE dropTable: undo: table page_view is new
        await queryRunner.query("DROP TABLE `page_view`");

        // DESTRUCTIVE dropTable: undo: table daily_count is new
        await queryRunner.query("DROP TABLE `daily_count`");
    }
}
