import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * typeorm-migrate revision
 * Revision: b10900000002
 * Parents: b10900000001
 * Bind: default
 * Message: Added new fields
 *
 * Review before running: DESTRUCTIVE ops drop or narrow data, DATA-DEPENDENT ops may fail on existing rows.
 *   - DATA-DEPENDENT createIndex: index IDX_cd1bddce36edc3e766798eab37 on post (slug) is new or changed
 *
 * BLOCKS WRITES: these ops make writes to their table wait while it is scanned, rewritten or indexed.
 *   - createIndex: index IDX_9ce51356988ab726431a6c2c34 on comment (postId, createdAt) is new or changed
 *     lock: SHARE; scans the table; BLOCKS WRITES
 *     instead: generate --online: CREATE INDEX CONCURRENTLY (SHARE UPDATE EXCLUSIVE: writes go on during the build)
 *   - createIndex: index IDX_cd1bddce36edc3e766798eab37 on post (slug) is new or changed
 *     lock: SHARE; scans the table; BLOCKS WRITES
 *     instead: generate --online: CREATE INDEX CONCURRENTLY (SHARE UPDATE EXCLUSIVE: writes go on during the build)
 */
export class AddedNewFields1764000060000 implements MigrationInterface {
    name = "AddedNewFields1764000060000";

    public async up(queryRunner: QueryRunner): Promise<void> {
        // alterEnum: values: reader, author, admin → reader, author, admin, moderator
        await queryRunner.query(`ALTER TYPE "public"."user_role" ADD VALUE 'moderator' AFTER 'admin'`);

        // createTable: table post_like is new
        await queryRunner.query(`CREATE TABLE "public"."post_like" (
            "userId" integer NOT NULL,
            "postId" integer NOT NULL,
            "createdAt" timestamp NOT NULL DEFAULT now(),
            CONSTRAINT "PK_754a5e1d4e513c739e9c39a8d79" PRIMARY KEY ("userId", "postId")
        )`);

        // addColumn: column post.slug is new
        await queryRunner.query(`ALTER TABLE "public"."post" ADD "slug" character varying(220)`);

        // addColumn: column post.viewCount is new
        await queryRunner.query(`ALTER TABLE "public"."post" ADD "viewCount" integer NOT NULL DEFAULT '0'`);

        // addColumn: column user.bio is new
        await queryRunner.query(`ALTER TABLE "public"."user" ADD "bio" text`);

        // addColumn: column user.lastLoginAt is new
        await queryRunner.query(`ALTER TABLE "public"."user" ADD "lastLoginAt" timestamp`);

        // alterColumn: post.title length: 200 → 250
        await queryRunner.query(`ALTER TABLE "public"."post" ALTER COLUMN "title" TYPE character varying(250) USING "title"::character varying(250)`);

        // alterColumn: post.commentsEnabled default: true → false
        await queryRunner.query(`ALTER TABLE "public"."post" ALTER COLUMN "commentsEnabled" SET DEFAULT false`);

        // createIndex: index IDX_9ce51356988ab726431a6c2c34 on comment (postId, createdAt) is new or changed
        await queryRunner.query(`CREATE INDEX "IDX_9ce51356988ab726431a6c2c34" ON "public"."comment" ("postId", "createdAt")`);

        // DATA-DEPENDENT createIndex: index IDX_cd1bddce36edc3e766798eab37 on post (slug) is new or changed
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_cd1bddce36edc3e766798eab37" ON "public"."post" ("slug")`);

        // addForeignKey: foreign key FK_789b3f929eb3d8760419f87c8a9 on post_like (postId) → post is new
        await queryRunner.query(`ALTER TABLE "public"."post_like" ADD CONSTRAINT "FK_789b3f929eb3d8760419f87c8a9" FOREIGN KEY ("postId") REFERENCES "public"."post"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

        // addForeignKey: foreign key FK_909fc474ef645901d01f0cc0662 on post_like (userId) → user is new
        await queryRunner.query(`ALTER TABLE "public"."post_like" ADD CONSTRAINT "FK_909fc474ef645901d01f0cc0662" FOREIGN KEY ("userId") REFERENCES "public"."user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // DATA CHECKS: stop before changing anything if rows already in the tables would be rejected or lost.
        await checkRows(queryRunner, [
            [
                "user.role: values moderator (removed from the enum)",
                `/* typeorm-migrate data check */ SELECT "id", COUNT(*) OVER () AS "offending" FROM "public"."user" WHERE "role"::text IN ('moderator') ORDER BY "id" LIMIT 1`,
            ],
            [
                "post.title: values longer than 200 characters",
                `/* typeorm-migrate data check */ SELECT "id", COUNT(*) OVER () AS "offending" FROM "public"."post" WHERE char_length("title") > 200 ORDER BY "id" LIMIT 1`,
            ],
        ]);

        // dropForeignKey: undo: foreign key FK_909fc474ef645901d01f0cc0662 on post_like (userId) → user is new
        await queryRunner.query(`ALTER TABLE "public"."post_like" DROP CONSTRAINT "FK_909fc474ef645901d01f0cc0662"`);

        // dropForeignKey: undo: foreign key FK_789b3f929eb3d8760419f87c8a9 on post_like (postId) → post is new
        await queryRunner.query(`ALTER TABLE "public"."post_like" DROP CONSTRAINT "FK_789b3f929eb3d8760419f87c8a9"`);

        // dropIndex: undo: index IDX_cd1bddce36edc3e766798eab37 on post (slug) is new or changed
        await queryRunner.query(`DROP INDEX "public"."IDX_cd1bddce36edc3e766798eab37"`);

        // dropIndex: undo: index IDX_9ce51356988ab726431a6c2c34 on comment (postId, createdAt) is new or changed
        await queryRunner.query(`DROP INDEX "public"."IDX_9ce51356988ab726431a6c2c34"`);

        // alterColumn: undo: post.commentsEnabled default: true → false
        await queryRunner.query(`ALTER TABLE "public"."post" ALTER COLUMN "commentsEnabled" SET DEFAULT true`);

        // DESTRUCTIVE alterColumn: undo: post.title length: 200 → 250
        await queryRunner.query(`ALTER TABLE "public"."post" ALTER COLUMN "title" TYPE character varying(200) USING "title"::character varying(200)`);

        // DESTRUCTIVE dropColumn: undo: column user.lastLoginAt is new
        await queryRunner.query(`ALTER TABLE "public"."user" DROP COLUMN "lastLoginAt"`);

        // DESTRUCTIVE dropColumn: undo: column user.bio is new
        await queryRunner.query(`ALTER TABLE "public"."user" DROP COLUMN "bio"`);

        // DESTRUCTIVE dropColumn: undo: column post.viewCount is new
        await queryRunner.query(`ALTER TABLE "public"."post" DROP COLUMN "viewCount"`);

        // DESTRUCTIVE dropColumn: undo: column post.slug is new
        await queryRunner.query(`ALTER TABLE "public"."post" DROP COLUMN "slug"`);

        // DESTRUCTIVE dropTable: undo: table post_like is new
        await queryRunner.query(`DROP TABLE "public"."post_like"`);

        // DESTRUCTIVE alterEnum: undo: values: reader, author, admin → reader, author, admin, moderator
        await queryRunner.query(`ALTER TYPE "public"."user_role" RENAME TO "user_role_old"`);
        await queryRunner.query(`CREATE TYPE "public"."user_role" AS ENUM('reader', 'author', 'admin')`);
        await queryRunner.query(`ALTER TABLE "public"."user" ALTER COLUMN "role" DROP DEFAULT`);
        await queryRunner.query(`ALTER TABLE "public"."user" ALTER COLUMN "role" TYPE "public"."user_role" USING "role"::text::"public"."user_role"`);
        await queryRunner.query(`ALTER TABLE "public"."user" ALTER COLUMN "role" SET DEFAULT 'reader'`);
        await queryRunner.query(`DROP TYPE "public"."user_role_old"`);
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
