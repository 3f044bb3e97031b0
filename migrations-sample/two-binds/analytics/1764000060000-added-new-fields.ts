import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * typeorm-migrate revision
 * Revision: a7a100000002
 * Parents: a7a100000001
 * Bind: analytics
 * Message: Added new fields
 *
 * Review before running: DESTRUCTIVE ops drop or narrow data, DATA-DEPENDENT ops may fail on existing rows.
 *   - DATA-DEPENDENT alterColumn: page_view.durationMs type: int → bigint
 *
 * BLOCKS WRITES: these ops make writes to their table wait while it is scanned, rewritten or indexed.
 *   - alterColumn: page_view.durationMs type: int → bigint
 *     lock: ALGORITHM=COPY, LOCK=SHARED (reads only); rewrites the table; BLOCKS WRITES
 *     instead: no online form: do it in steps: expand (add a new column of the new shape), backfill it in batches while the application writes both, switch reads to it, contract (drop the old column), or copy the table online with gh-ost / pt-online-schema-change
 */
export class AddedNewFields1764000060000 implements MigrationInterface {
    name = "AddedNewFields1764000060000";

    public async up(queryRunner: QueryRunner): Promise<void> {
        // createTable: table event is new
        await queryRunner.query([
            "CREATE TABLE `event` (",
            "    `id` int NOT NULL AUTO_INCREMENT,",
            "    `kind` enum('signup', 'login', 'purchase') NOT NULL,",
            "    `payload` text NULL,",
            "    `occurredAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),",
            "    PRIMARY KEY (`id`)",
            ") ENGINE=InnoDB",
        ].join("\n"));

        // addColumn: column daily_count.uniqueVisitors is new
        await queryRunner.query("ALTER TABLE `daily_count` ADD COLUMN `uniqueVisitors` int NOT NULL DEFAULT '0'");

        // addColumn: column page_view.userAgent is new
        await queryRunner.query("ALTER TABLE `page_view` ADD COLUMN `userAgent` varchar(255) NULL");

        // DATA-DEPENDENT alterColumn: page_view.durationMs type: int → bigint
        await queryRunner.query("ALTER TABLE `page_view` MODIFY COLUMN `durationMs` bigint NOT NULL DEFAULT '0'");

        // createIndex: index IDX_4d9601e05b90c7325a5fcc37a4 on event (kind, occurredAt) is new or changed
        await queryRunner.query("CREATE INDEX `IDX_4d9601e05b90c7325a5fcc37a4` ON `event` (`kind`, `occurredAt`)");
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // DATA CHECKS: stop before changing anything if rows already in the tables would be rejected or lost.
        await checkRows(queryRunner, [
            [
                "page_view.durationMs: values outside -2147483648..2147483647",
                "/* typeorm-migrate data check */ SELECT `id`, COUNT(*) OVER () AS `offending` FROM `page_view` WHERE (`durationMs` < -2147483648 OR `durationMs` > 2147483647) ORDER BY `id` LIMIT 1",
            ],
        ]);

        // dropIndex: undo: index IDX_4d9601e05b90c7325a5fcc37a4 on event (kind, occurredAt) is new or changed
        await queryRunner.query("DROP INDEX `IDX_4d9601e05b90c7325a5fcc37a4` ON `event`");

        // DESTRUCTIVE alterColumn: undo: page_view.durationMs type: int → bigint
        await queryRunner.query("ALTER TABLE `page_view` MODIFY COLUMN `durationMs` int NOT NULL DEFAULT '0'");

        // DESTRUCTIVE dropColumn: undo: column page_view.userAgent is new
        await queryRunner.query("ALTER TABLE `page_view` DROP COLUMN `userAgent`");

        // DESTRUCTIVE dropColumn: undo: column daily_count.uniqueVisitors is new
        await queryRunner.query("ALTER TABLE `daily_count` DROP COLUMN `uniqueVisitors`");

        // DESTRUCTIVE dropTable: undo: table event is new
        await queryRunner.query("DROP TABLE `event`");
    }
}

/**
 * Stops the migration before it changes anything when rows already in the tables would be rejected
 * or lost: each query returns no row when the data fits, else how many rows offend and the first one.
 */
async function checkRows(queryRunner: QueryRunner, checks: readonly (readonly [string, string])[]): Promise<void> {
    const failed: string[] = [];
    for (const [what, sql] of checks) {
        const rows: unknown = await queryRunner.query(sql);
        const row = Array.isArray(rows) ? (rows[0] as Record<string, unknown> | undefined) : undefined;
        if (row === undefined) continue;
        const { offending, ...first } = row;
        const key = Object.entries(first).map(([name, value]) => `${name}=${value instanceof Date ? value.toISOString() : typeof value === "string" ? JSON.stringify(value) : String(value)}`);
        failed.push(`${what}: ${String(offending)} (first: ${key.join(", ")})`);
    }
    if (failed.length > 0) {
        throw new Error(`data checks failed; this migration changed nothing:\n${failed.map((line) => `  ${line}`).join("\n")}`);
    }
}
