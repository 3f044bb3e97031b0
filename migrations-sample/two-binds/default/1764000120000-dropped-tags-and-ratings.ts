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
 *   - DESTRUCTIVE alterEnum: values: reader, author, admin, moderator → reader, author, admin
 *
 * BLOCKS WRITES: these ops make writes to their table wait while it is scanned, rewritten or indexed.
 *   - alterEnum: values: reader, author, admin, moderator → reader, author, admin
 *     lock: ACCESS EXCLUSIVE (on every table using the type); rewrites the table; BLOCKS WRITES
 *     instead: no online form: do it in steps: expand (add a new column of the new shape), backfill it in batches while the application writes both, switch reads to it, contract (drop the old column)
 */
export class DroppedTagsAndRatings1764000120000 implements MigrationInterface {
    name = "DroppedTagsAndRatings1764000120000";

    public async up(queryRunner: QueryRunner): Promise<void> {
        // DATA CHECKS: stop before changing anything if rows already in the tables would be rejected or lost.
        await checkRows(queryRunner, [
            [
                "user.role: values moderator (removed from the enum)",
                `/* typeorm-migrate data check */ SELECT "id", COUNT(*) OVER () AS "offending" FROM "public"."user" WHERE "role"::text IN ('moderator') ORDER BY "id" LIMIT 1`,
            ],
        ]);

        // dropForeignKey: foreign key FK_41e7626b9cc03c5c65812ae55e8 removed
        await queryRunner.query(`ALTER TABLE "public"."post_tags_tag" DROP CONSTRAINT "FK_41e7626b9cc03c5c65812ae55e8"`);

        // dropForeignKey: foreign key FK_b651178cc41334544a7a9601c45 removed
        await queryRunner.query(`ALTER TABLE "public"."post_tags_tag" DROP CONSTRAINT "FK_b651178cc41334544a7a9601c45"`);

        // dropIndex: index IDX_41e7626b9cc03c5c65812ae55e on post_tags_tag removed or changed
        await queryRunner.query(`DROP INDEX "public"."IDX_41e7626b9cc03c5c65812ae55e"`);

        // dropIndex: index IDX_b651178cc41334544a7a9601c4 on post_tags_tag removed or changed
        await queryRunner.query(`DROP INDEX "public"."IDX_b651178cc41334544a7a9601c4"`);

        // DESTRUCTIVE dropTable: table post_tags_tag is no longer in the entities
        await queryRunner.query(`DROP TABLE "public"."post_tags_tag"`);

        // DESTRUCTIVE dropTable: table tag is no longer in the entities
        await queryRunner.query(`DROP TABLE "public"."tag"`);

        // DESTRUCTIVE dropColumn: column post.rating removed
        await queryRunner.query(`ALTER TABLE "public"."post" DROP COLUMN "rating"`);

        // DESTRUCTIVE alterEnum: values: reader, author, admin, moderator → reader, author, admin
        await queryRunner.query(`ALTER TYPE "public"."user_role" RENAME TO "user_role_old"`);
        await queryRunner.query(`CREATE TYPE "public"."user_role" AS ENUM('reader', 'author', 'admin')`);
        await queryRunner.query(`ALTER TABLE "public"."user" ALTER COLUMN "role" DROP DEFAULT`);
        await queryRunner.query(`ALTER TABLE "public"."user" ALTER COLUMN "role" TYPE "public"."user_role" USING "role"::text::"public"."user_role"`);
        await queryRunner.query(`ALTER TABLE "public"."user" ALTER COLUMN "role" SET DEFAULT 'reader'`);
        await queryRunner.query(`DROP TYPE "public"."user_role_old"`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // alterEnum: undo: values: reader, author, admin, moderator → reader, author, admin
        await queryRunner.query(`ALTER TYPE "public"."user_role" ADD VALUE 'moderator' AFTER 'admin'`);

        // addColumn: undo: column post.rating removed
        await queryRunner.query(`ALTER TABLE "public"."post" ADD "rating" numeric(10,2)`);

        // createTable: undo: table tag is no longer in the entities
        await queryRunner.query(`CREATE TABLE "public"."tag" (
            "id" SERIAL NOT NULL,
            "name" character varying(50) NOT NULL,
            CONSTRAINT "UQ_6a9775008add570dc3e5a0bab7b" UNIQUE ("name"),
            CONSTRAINT "PK_8e4052373c579afc1471f526760" PRIMARY KEY ("id")
        )`);

        // createTable: undo: table post_tags_tag is no longer in the entities
        await queryRunner.query(`CREATE TABLE "public"."post_tags_tag" (
            "postId" integer NOT NULL,
            "tagId" integer NOT NULL,
            CONSTRAINT "PK_e9b7b8e6a07bdccb6a954171676" PRIMARY KEY ("postId", "tagId")
        )`);

        // createIndex: undo: index IDX_b651178cc41334544a7a9601c4 on post_tags_tag removed or changed
        await queryRunner.query(`CREATE INDEX "IDX_b651178cc41334544a7a9601c4" ON "public"."post_tags_tag" ("postId")`);

        // createIndex: undo: index IDX_41e7626b9cc03c5c65812ae55e on post_tags_tag removed or changed
        await queryRunner.query(`CREATE INDEX "IDX_41e7626b9cc03c5c65812ae55e" ON "public"."post_tags_tag" ("tagId")`);

        // addForeignKey: undo: foreign key FK_b651178cc41334544a7a9601c45 removed
        await queryRunner.query(`ALTER TABLE "public"."post_tags_tag" ADD CONSTRAINT "FK_b651178cc41334544a7a9601c45" FOREIGN KEY ("postId") REFERENCES "public"."post"("id") ON DELETE CASCADE ON UPDATE CASCADE`);

        // addForeignKey: undo: foreign key FK_41e7626b9cc03c5c65812ae55e8 removed
        await queryRunner.query(`ALTER TABLE "public"."post_tags_tag" ADD CONSTRAINT "FK_41e7626b9cc03c5c65812ae55e8" FOREIGN KEY ("tagId") REFERENCES "public"."tag"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
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
