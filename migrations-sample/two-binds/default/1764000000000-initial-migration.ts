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
        // createEnum: enum type post_status_enum is new
        await queryRunner.query(`CREATE TYPE "public"."post_status_enum" AS ENUM('draft', 'published')`);

        // createEnum: enum type user_role is new
        await queryRunner.query(`CREATE TYPE "public"."user_role" AS ENUM('reader', 'author', 'admin')`);

        // createTable: table user is new
        await queryRunner.query(`CREATE TABLE "public"."user" (
            "id" SERIAL NOT NULL,
            "email" character varying NOT NULL,
            "displayName" character varying(100) NOT NULL,
            "role" "public"."user_role" NOT NULL DEFAULT 'reader',
            "createdAt" timestamp NOT NULL DEFAULT now(),
            CONSTRAINT "UQ_e12875dfb3b1d92d7d7c5377e22" UNIQUE ("email"),
            CONSTRAINT "PK_cace4a159ff9f2512dd42373760" PRIMARY KEY ("id")
        )`);

        // createTable: table post is new
        await queryRunner.query(`CREATE TABLE "public"."post" (
            "id" SERIAL NOT NULL,
            "title" character varying(200) NOT NULL,
            "body" text NOT NULL,
            "status" "public"."post_status_enum" NOT NULL DEFAULT 'draft',
            "price" numeric(10,2),
            "rating" numeric(10,2),
            "commentsEnabled" boolean NOT NULL DEFAULT true,
            "createdAt" timestamp NOT NULL DEFAULT now(),
            "updatedAt" timestamp NOT NULL DEFAULT now(),
            "authorId" integer NOT NULL,
            CONSTRAINT "CHK_post_title_not_empty" CHECK (length("title") > 0),
            CONSTRAINT "PK_be5fda3aac270b134ff9c21cdee" PRIMARY KEY ("id")
        )`);

        // createTable: table comment is new
        await queryRunner.query(`CREATE TABLE "public"."comment" (
            "id" SERIAL NOT NULL,
            "body" text NOT NULL,
            "createdAt" timestamp NOT NULL DEFAULT now(),
            "postId" integer NOT NULL,
            "authorId" integer,
            CONSTRAINT "CHK_d614fb05513f75c42f4d1abf8e" CHECK (length("body") > 0),
            CONSTRAINT "PK_0b0e4bbc8415ec426f87f3a88e2" PRIMARY KEY ("id")
        )`);

        // createTable: table tag is new
        await queryRunner.query(`CREATE TABLE "public"."tag" (
            "id" SERIAL NOT NULL,
            "name" character varying(50) NOT NULL,
            CONSTRAINT "UQ_6a9775008add570dc3e5a0bab7b" UNIQUE ("name"),
            CONSTRAINT "PK_8e4052373c579afc1471f526760" PRIMARY KEY ("id")
        )`);

        // createTable: table post_tags_tag is new
        await queryRunner.query(`CREATE TABLE "public"."post_tags_tag" (
            "postId" integer NOT NULL,
            "tagId" integer NOT NULL,
            CONSTRAINT "PK_e9b7b8e6a07bdccb6a954171676" PRIMARY KEY ("postId", "tagId")
        )`);

        // createIndex: index IDX_post_published on post (createdAt) is new or changed
        await queryRunner.query(`CREATE INDEX "IDX_post_published" ON "public"."post" ("createdAt") WHERE "status" = 'published'`);

        // createIndex: index IDX_41e7626b9cc03c5c65812ae55e on post_tags_tag (tagId) is new or changed
        await queryRunner.query(`CREATE INDEX "IDX_41e7626b9cc03c5c65812ae55e" ON "public"."post_tags_tag" ("tagId")`);

        // createIndex: index IDX_b651178cc41334544a7a9601c4 on post_tags_tag (postId) is new or changed
        await queryRunner.query(`CREATE INDEX "IDX_b651178cc41334544a7a9601c4" ON "public"."post_tags_tag" ("postId")`);

        // addForeignKey: foreign key FK_276779da446413a0d79598d4fbd on comment (authorId) → user is new
        await queryRunner.query(`ALTER TABLE "public"."comment" ADD CONSTRAINT "FK_276779da446413a0d79598d4fbd" FOREIGN KEY ("authorId") REFERENCES "public"."user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);

        // addForeignKey: foreign key FK_94a85bb16d24033a2afdd5df060 on comment (postId) → post is new
        await queryRunner.query(`ALTER TABLE "public"."comment" ADD CONSTRAINT "FK_94a85bb16d24033a2afdd5df060" FOREIGN KEY ("postId") REFERENCES "public"."post"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

        // addForeignKey: foreign key FK_c6fb082a3114f35d0cc27c518e0 on post (authorId) → user is new
        await queryRunner.query(`ALTER TABLE "public"."post" ADD CONSTRAINT "FK_c6fb082a3114f35d0cc27c518e0" FOREIGN KEY ("authorId") REFERENCES "public"."user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

        // addForeignKey: foreign key FK_41e7626b9cc03c5c65812ae55e8 on post_tags_tag (tagId) → tag is new
        await queryRunner.query(`ALTER TABLE "public"."post_tags_tag" ADD CONSTRAINT "FK_41e7626b9cc03c5c65812ae55e8" FOREIGN KEY ("tagId") REFERENCES "public"."tag"("id") ON DELETE CASCADE ON UPDATE CASCADE`);

        // addForeignKey: foreign key FK_b651178cc41334544a7a9601c45 on post_tags_tag (postId) → post is new
        await queryRunner.query(`ALTER TABLE "public"."post_tags_tag" ADD CONSTRAINT "FK_b651178cc41334544a7a9601c45" FOREIGN KEY ("postId") REFERENCES "public"."post"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // dropForeignKey: undo: foreign key FK_b651178cc41334544a7a9601c45 on post_tags_tag (postId) → post is new
        await queryRunner.query(`ALTER TABLE "public"."post_tags_tag" DROP CONSTRAINT "FK_b651178cc41334544a7a9601c45"`);

        // dropForeignKey: undo: foreign key FK_41e7626b9cc03c5c65812ae55e8 on post_tags_tag (tagId) → tag is new
        await queryRunner.query(`ALTER TABLE "public"."post_tags_tag" DROP CONSTRAINT "FK_41e7626b9cc03c5c65812ae55e8"`);

        // dropForeignKey: undo: foreign key FK_c6fb082a3114f35d0cc27c518e0 on post (authorId) → user is new
        await queryRunner.query(`ALTER TABLE "public"."post" DROP CONSTRAINT "FK_c6fb082a3114f35d0cc27c518e0"`);

        // dropForeignKey: undo: foreign key FK_94a85bb16d24033a2afdd5df060 on comment (postId) → post is new
        await queryRunner.query(`ALTER TABLE "public"."comment" DROP CONSTRAINT "FK_94a85bb16d24033a2afdd5df060"`);

        // dropForeignKey: undo: foreign key FK_276779da446413a0d79598d4fbd on comment (authorId) → user is new
        await queryRunner.query(`ALTER TABLE "public"."comment" DROP CONSTRAINT "FK_276779da446413a0d79598d4fbd"`);

        // dropIndex: undo: index IDX_b651178cc41334544a7a9601c4 on post_tags_tag (postId) is new or changed
        await queryRunner.query(`DROP INDEX "public"."IDX_b651178cc41334544a7a9601c4"`);

        // dropIndex: undo: index IDX_41e7626b9cc03c5c65812ae55e on post_tags_tag (tagId) is new or changed
        await queryRunner.query(`DROP INDEX "public"."IDX_41e7626b9cc03c5c65812ae55e"`);

        // dropIndex: undo: index IDX_post_published on post (createdAt) is new or changed
        await queryRunner.query(`DROP INDEX "public"."IDX_post_published"`);

        // DESTRUCTIVE dropTable: undo: table post_tags_tag is new
        await queryRunner.query(`DROP TABLE "public"."post_tags_tag"`);

        // DESTRUCTIVE dropTable: undo: table tag is new
        await queryRunner.query(`DROP TABLE "public"."tag"`);

        // DESTRUCTIVE dropTable: undo: table comment is new
        await queryRunner.query(`DROP TABLE "public"."comment"`);

        // DESTRUCTIVE dropTable: undo: table post is new
        await queryRunner.query(`DROP TABLE "public"."post"`);

        // DESTRUCTIVE dropTable: undo: table user is new
        await queryRunner.query(`DROP TABLE "public"."user"`);

        // DESTRUCTIVE dropEnum: undo: enum type user_role is new
        await queryRunner.query(`DROP TYPE "public"."user_role"`);

        // DESTRUCTIVE dropEnum: undo: enum type post_status_enum is new
        await queryRunner.query(`DROP TYPE "public"."post_status_enum"`);
    }
}
