import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * typeorm-migrate revision
 * Revision: b10900000003
 * Parents: b10900000002
 * Bind: default
 * Message: Dropped tags and ratings
 *
 * Review before running: DESTRUCTIVE ops drop or narrow data, DATA-DEPENDENT ops may fail on existing rows.
 *   - DESTRUCTIVE dropTable: table post_tags_tag is no longer in the entities
 *   - DESTRUCTIVE dropTable: table tag is no longer in the entities
 *   - DESTRUCTIVE dropColumn: column post.rating removed
 *   - DESTRUCTIVE alterColumn: user.role enum: ["reader","author","admin","moderator"] → ["reader","author","admin"]
 *
 * BLOCKS WRITES: these ops make writes to their table wait while it is scanned, rewritten or indexed.
 *   - dropColumn: column post.rating removed
 *     lock: database write lock (table rebuilt); rewrites the table; BLOCKS WRITES
 *     instead: no online form on SQLite: every writer waits for the copy; run it when writes can wait, or do it in steps (expand, backfill, contract) that each add a column in place
 *   - alterColumn: user.role enum: ["reader","author","admin","moderator"] → ["reader","author","admin"]
 *     lock: database write lock (table rebuilt); rewrites the table; BLOCKS WRITES
 *     instead: no online form on SQLite: every writer waits for the copy; run it when writes can wait, or do it in steps (expand, backfill, contract) that each add a column in place
 */
export class DroppedTagsAndRatings1764000120000 implements MigrationInterface {
    name = "DroppedTagsAndRatings1764000120000";

    public async up(queryRunner: QueryRunner): Promise<void> {
        // DATA CHECKS: stop before changing anything if rows already in the tables would be rejected or lost.
        await checkRows(queryRunner, [
            [
                "user.role: values moderator (removed from the enum)",
                `/* typeorm-migrate data check */ SELECT "id", COUNT(*) OVER () AS "offending" FROM "user" WHERE "role" IN ('moderator') ORDER BY "id" LIMIT 1`,
            ],
        ]);

        // DESTRUCTIVE dropTable: table post_tags_tag is no longer in the entities
        await queryRunner.query(`DROP TABLE "post_tags_tag"`);

        // DESTRUCTIVE dropTable: table tag is no longer in the entities
        await queryRunner.query(`DROP TABLE "tag"`);

        // DESTRUCTIVE dropColumn: column post.rating removed
        await queryRunner.query(`SELECT json_extract('{}', 'rebuilding table post needs PRAGMA foreign_keys = OFF before the transaction begins, or ON DELETE changes the rows that reference it') FROM pragma_foreign_keys WHERE "foreign_keys" = 1 AND (EXISTS (SELECT 1 FROM "comment" WHERE "postId" IS NOT NULL) OR EXISTS (SELECT 1 FROM "post_like" WHERE "postId" IS NOT NULL))`);
        await queryRunner.query(`CREATE TABLE "temporary_post" (
            "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
            "title" varchar(250) NOT NULL,
            "body" text NOT NULL,
            "status" varchar CHECK( "status" IN ('draft','published') ) NOT NULL DEFAULT ('draft'),
            "price" decimal(10,2),
            "commentsEnabled" boolean NOT NULL DEFAULT (0),
            "createdAt" datetime NOT NULL DEFAULT (datetime('now')),
            "updatedAt" datetime NOT NULL DEFAULT (datetime('now')),
            "authorId" integer NOT NULL,
            "slug" varchar(220),
            "viewCount" integer NOT NULL DEFAULT (0),
            CONSTRAINT "CHK_post_title_not_empty" CHECK (length("title") > 0),
            CONSTRAINT "FK_c6fb082a3114f35d0cc27c518e0" FOREIGN KEY ("authorId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION
        )`);
        await queryRunner.query(`INSERT INTO "temporary_post" ("id", "title", "body", "status", "price", "commentsEnabled", "createdAt", "updatedAt", "authorId", "slug", "viewCount") SELECT "id", "title", "body", "status", "price", "commentsEnabled", "createdAt", "updatedAt", "authorId", "slug", "viewCount" FROM "post"`);
        await queryRunner.query(`DELETE FROM "sqlite_sequence" WHERE "name" = 'temporary_post'`);
        await queryRunner.query(`INSERT INTO "sqlite_sequence" ("name", "seq") SELECT 'temporary_post', "seq" FROM "sqlite_sequence" WHERE "name" = 'post'`);
        await queryRunner.query(`DROP TABLE "post"`);
        await queryRunner.query(`ALTER TABLE "temporary_post" RENAME TO "post"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_cd1bddce36edc3e766798eab37" ON "post" ("slug")`);
        await queryRunner.query(`CREATE INDEX "IDX_post_published" ON "post" ("createdAt") WHERE "status" = 'published'`);

        // DESTRUCTIVE alterColumn: user.role enum: ["reader","author","admin","moderator"] → ["reader","author","admin"]
        await queryRunner.query(`SELECT json_extract('{}', 'rebuilding table user needs PRAGMA foreign_keys = OFF before the transaction begins, or ON DELETE changes the rows that reference it') FROM pragma_foreign_keys WHERE "foreign_keys" = 1 AND (EXISTS (SELECT 1 FROM "comment" WHERE "authorId" IS NOT NULL) OR EXISTS (SELECT 1 FROM "post" WHERE "authorId" IS NOT NULL) OR EXISTS (SELECT 1 FROM "post_like" WHERE "userId" IS NOT NULL))`);
        await queryRunner.query(`CREATE TABLE "temporary_user" (
            "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
            "email" varchar NOT NULL,
            "displayName" varchar(100) NOT NULL,
            "role" varchar CHECK( "role" IN ('reader','author','admin') ) NOT NULL DEFAULT ('reader'),
            "createdAt" datetime NOT NULL DEFAULT (datetime('now')),
            "bio" text,
            "lastLoginAt" datetime,
            CONSTRAINT "UQ_e12875dfb3b1d92d7d7c5377e22" UNIQUE ("email")
        )`);
        await queryRunner.query(`INSERT INTO "temporary_user" ("id", "email", "displayName", "role", "createdAt", "bio", "lastLoginAt") SELECT "id", "email", "displayName", "role", "createdAt", "bio", "lastLoginAt" FROM "user"`);
        await queryRunner.query(`DELETE FROM "sqlite_sequence" WHERE "name" = 'temporary_user'`);
        await queryRunner.query(`INSERT INTO "sqlite_sequence" ("name", "seq") SELECT 'temporary_user', "seq" FROM "sqlite_sequence" WHERE "name" = 'user'`);
        await queryRunner.query(`DROP TABLE "user"`);
        await queryRunner.query(`ALTER TABLE "temporary_user" RENAME TO "user"`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // alterColumn: undo: user.role enum: ["reader","author","admin","moderator"] → ["reader","author","admin"]
        await queryRunner.query(`SELECT json_extract('{}', 'rebuilding table user needs PRAGMA foreign_keys = OFF before the transaction begins, or ON DELETE changes the rows that reference it') FROM pragma_foreign_keys WHERE "foreign_keys" = 1 AND (EXISTS (SELECT 1 FROM "comment" WHERE "authorId" IS NOT NULL) OR EXISTS (SELECT 1 FROM "post" WHERE "authorId" IS NOT NULL) OR EXISTS (SELECT 1 FROM "post_like" WHERE "userId" IS NOT NULL))`);
        await queryRunner.query(`CREATE TABLE "temporary_user" (
            "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
            "email" varchar NOT NULL,
            "displayName" varchar(100) NOT NULL,
            "role" varchar CHECK( "role" IN ('reader','author','admin','moderator') ) NOT NULL DEFAULT ('reader'),
            "createdAt" datetime NOT NULL DEFAULT (datetime('now')),
            "bio" text,
            "lastLoginAt" datetime,
            CONSTRAINT "UQ_e12875dfb3b1d92d7d7c5377e22" UNIQUE ("email")
        )`);
        await queryRunner.query(`INSERT INTO "temporary_user" ("id", "email", "displayName", "role", "createdAt", "bio", "lastLoginAt") SELECT "id", "email", "displayName", "role", "createdAt", "bio", "lastLoginAt" FROM "user"`);
        await queryRunner.query(`DELETE FROM "sqlite_sequence" WHERE "name" = 'temporary_user'`);
        await queryRunner.query(`INSERT INTO "sqlite_sequence" ("name", "seq") SELECT 'temporary_user', "seq" FROM "sqlite_sequence" WHERE "name" = 'user'`);
        await queryRunner.query(`DROP TABLE "user"`);
        await queryRunner.query(`ALTER TABLE "temporary_user" RENAME TO "user"`);

        // addColumn: undo: column post.rating removed
        await queryRunner.query(`ALTER TABLE "post" ADD COLUMN "rating" decimal(10,2)`);

        // createTable: undo: table tag is no longer in the entities
        await queryRunner.query(`CREATE TABLE "tag" (
            "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
            "name" varchar(50) NOT NULL,
            CONSTRAINT "UQ_6a9775008add570dc3e5a0bab7b" UNIQUE ("name")
        )`);

        // createTable: undo: table post_tags_tag is no longer in the entities
        await queryRunner.query(`CREATE TABLE "post_tags_tag" (
            "postId" integer NOT NULL,
            "tagId" integer NOT NULL,
            CONSTRAINT "FK_41e7626b9cc03c5c65812ae55e8" FOREIGN KEY ("tagId") REFERENCES "tag" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
            CONSTRAINT "FK_b651178cc41334544a7a9601c45" FOREIGN KEY ("postId") REFERENCES "post" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
            PRIMARY KEY ("postId", "tagId")
        )`);

        // createIndex: undo: index IDX_b651178cc41334544a7a9601c4 on post_tags_tag removed or changed
        await queryRunner.query(`CREATE INDEX "IDX_b651178cc41334544a7a9601c4" ON "post_tags_tag" ("postId")`);

        // createIndex: undo: index IDX_41e7626b9cc03c5c65812ae55e on post_tags_tag removed or changed
        await queryRunner.query(`CREATE INDEX "IDX_41e7626b9cc03c5c65812ae55e" ON "post_tags_tag" ("tagId")`);
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
