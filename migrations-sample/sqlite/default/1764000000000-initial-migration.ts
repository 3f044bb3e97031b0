import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * typeorm-migrate revision
 * Revision: b10900000001
 * Parents: <base>
 * Bind: default
 * Message: Initial migration.
 */
export class InitialMigration1764000000000 implements MigrationInterface {
    name = "InitialMigration1764000000000";

    public async up(queryRunner: QueryRunner): Promise<void> {
        // createTable: table user is new
        await queryRunner.query(`CREATE TABLE "user" (
            "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
            "email" varchar NOT NULL,
            "displayName" varchar(100) NOT NULL,
            "role" varchar CHECK( "role" IN ('reader','author','admin') ) NOT NULL DEFAULT ('reader'),
            "createdAt" datetime NOT NULL DEFAULT (datetime('now')),
            CONSTRAINT "UQ_e12875dfb3b1d92d7d7c5377e22" UNIQUE ("email")
        )`);

        // createTable: table post is new
        await queryRunner.query(`CREATE TABLE "post" (
            "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
            "title" varchar(200) NOT NULL,
            "body" text NOT NULL,
            "status" varchar CHECK( "status" IN ('draft','published') ) NOT NULL DEFAULT ('draft'),
            "price" decimal(10,2),
            "rating" decimal(10,2),
            "commentsEnabled" boolean NOT NULL DEFAULT (1),
            "createdAt" datetime NOT NULL DEFAULT (datetime('now')),
            "updatedAt" datetime NOT NULL DEFAULT (datetime('now')),
            "authorId" integer NOT NULL,
            CONSTRAINT "CHK_post_title_not_empty" CHECK (length("title") > 0),
            CONSTRAINT "FK_c6fb082a3114f35d0cc27c518e0" FOREIGN KEY ("authorId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION
        )`);

        // createTable: table comment is new
        await queryRunner.query(`CREATE TABLE "comment" (
            "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
            "body" text NOT NULL,
            "createdAt" datetime NOT NULL DEFAULT (datetime('now')),
            "postId" integer NOT NULL,
            "authorId" integer,
            CONSTRAINT "CHK_d614fb05513f75c42f4d1abf8e" CHECK (length("body") > 0),
            CONSTRAINT "FK_276779da446413a0d79598d4fbd" FOREIGN KEY ("authorId") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE NO ACTION,
            CONSTRAINT "FK_94a85bb16d24033a2afdd5df060" FOREIGN KEY ("postId") REFERENCES "post" ("id") ON DELETE CASCADE ON UPDATE NO ACTION
        )`);

        // createTable: table tag is new
        await queryRunner.query(`CREATE TABLE "tag" (
            "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
            "name" varchar(50) NOT NULL,
            CONSTRAINT "UQ_6a9775008add570dc3e5a0bab7b" UNIQUE ("name")
        )`);

        // createTable: table post_tags_tag is new
        await queryRunner.query(`CREATE TABLE "post_tags_tag" (
            "postId" integer NOT NULL,
            "tagId" integer NOT NULL,
            CONSTRAINT "FK_41e7626b9cc03c5c65812ae55e8" FOREIGN KEY ("tagId") REFERENCES "tag" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
            CONSTRAINT "FK_b651178cc41334544a7a9601c45" FOREIGN KEY ("postId") REFERENCES "post" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
            PRIMARY KEY ("postId", "tagId")
        )`);

        // createIndex: index IDX_post_published on post (createdAt) is new or changed
        await queryRunner.query(`CREATE INDEX "IDX_post_published" ON "post" ("createdAt") WHERE "status" = 'published'`);

        // createIndex: index IDX_41e7626b9cc03c5c65812ae55e on post_tags_tag (tagId) is new or changed
        await queryRunner.query(`CREATE INDEX "IDX_41e7626b9cc03c5c65812ae55e" ON "post_tags_tag" ("tagId")`);

        // createIndex: index IDX_b651178cc41334544a7a9601c4 on post_tags_tag (postId) is new or changed
        await queryRunner.query(`CREATE INDEX "IDX_b651178cc41334544a7a9601c4" ON "post_tags_tag" ("postId")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // DESTRUCTIVE dropTable: undo: table post_tags_tag is new
        await queryRunner.query(`DROP TABLE "post_tags_tag"`);

        // DESTRUCTIVE dropTable: undo: table tag is new
        await queryRunner.query(`DROP TABLE "tag"`);

        // DESTRUCTIVE dropTable: undo: table comment is new
        await queryRunner.query(`DROP TABLE "comment"`);

        // DESTRUCTIVE dropTable: undo: table post is new
        await queryRunner.query(`DROP TABLE "post"`);

        // DESTRUCTIVE dropTable: undo: table user is new
        await queryRunner.query(`DROP TABLE "user"`);
    }
}
