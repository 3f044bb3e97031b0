import type { DataSource } from "typeorm";
import { mariadbBlogServer, postgresBlogServer, sqliteBlogServer, type BlogServer } from "./blog-servers";
import type { Catalog } from "./catalog/catalog";
import { dumpMysqlCatalog } from "./catalog/mysql";
import { dumpPostgresCatalog } from "./catalog/postgres";
import { dumpSqliteCatalog } from "./catalog/sqlite";

// Databases built by hand-written SQL, as a team adopting the tool has them: adopted with
// init --from-db (spec/e2e/adoption-round-trip.spec.ts), and swept for hand-made changes after
// adoption (spec/e2e/drift-sweep-adopted.spec.ts). Left out: INCLUDE columns on PostgreSQL
// (init --from-db refuses them by name), a named PRIMARY KEY constraint on SQLite (the baseline
// loses its name), a DESC key on MariaDB (the reader does not see it). SQLite's foreign keys say
// ON UPDATE NO ACTION, as the baseline writes them: the catalog compares their text.

/** A database built by hand-written SQL: its rows, a query over them, and how to dump its catalog. */
export interface Adoptable {
    readonly server: BlogServer;
    readonly what: string;
    readonly schema: readonly string[];
    readonly rows: readonly string[];
    /** A query over the rows, and its answer on both databases. */
    readonly probe: { readonly sql: string; readonly answer: unknown };
    readonly dump: (dataSource: DataSource) => Promise<Catalog>;
}

const rows = [
    `INSERT INTO "owner" ("name", "email") VALUES ('Ada', 'ada@example.com')`,
    `INSERT INTO "pet" ("ownerId", "name", "weight") VALUES (1, 'Rex', 12.5)`,
    `INSERT INTO "visit" ("petId", "note", "place") VALUES (1, 'checkup', 'clinic')`,
];

const pets = { sql: `SELECT "pet", "owner" FROM "pet_owners"`, answer: [{ pet: "Rex", owner: "Ada" }] };

export const postgres: Adoptable = {
    server: postgresBlogServer,
    what: "checks, a view, an enum type, foreign key actions, a partial index, expression indexes",
    schema: [
        `CREATE TYPE "mood" AS ENUM ('calm', 'busy', 'it''s late')`,
        `CREATE TABLE "owner" (
            "id" SERIAL NOT NULL,
            "name" character varying(80) NOT NULL,
            "email" character varying(120) NOT NULL,
            "mood" "mood" NOT NULL DEFAULT 'calm',
            "joined" TIMESTAMP NOT NULL DEFAULT now(),
            CONSTRAINT "PK_owner" PRIMARY KEY ("id"),
            CONSTRAINT "UQ_owner_email" UNIQUE ("email"),
            CONSTRAINT "CHK_owner_name" CHECK (length("name") > 0))`,
        `CREATE TABLE "pet" (
            "id" SERIAL NOT NULL,
            "ownerId" integer,
            "name" text NOT NULL DEFAULT 'nameless',
            "weight" numeric(6,2) DEFAULT 0,
            "alive" boolean NOT NULL DEFAULT true,
            CONSTRAINT "PK_pet" PRIMARY KEY ("id"),
            CONSTRAINT "CHK_pet_weight" CHECK ("weight" >= 0),
            CONSTRAINT "FK_pet_owner" FOREIGN KEY ("ownerId") REFERENCES "owner"("id") ON DELETE SET NULL ON UPDATE CASCADE)`,
        `CREATE INDEX "IDX_pet_alive_name" ON "pet" ("name") WHERE "alive"`,
        `CREATE UNIQUE INDEX "IDX_pet_owner_name" ON "pet" ("ownerId", "name")`,
        `CREATE INDEX "IDX_owner_name_prefix" ON "owner" (substring("name", 1, 10))`,
        `CREATE UNIQUE INDEX "IDX_owner_email_lower" ON "owner" (lower("email"), "id") WHERE "mood" = 'calm'`,
        `CREATE TABLE "visit" (
            "id" SERIAL NOT NULL,
            "petId" integer NOT NULL,
            "note" character varying(200) NOT NULL,
            "place" character varying(50),
            "fee" integer,
            CONSTRAINT "PK_visit" PRIMARY KEY ("id"),
            CONSTRAINT "FK_visit_pet" FOREIGN KEY ("petId") REFERENCES "pet"("id") ON DELETE CASCADE)`,
        `CREATE INDEX "IDX_visit_place" ON "visit" ("place")`,
        `CREATE VIEW "pet_owners" AS SELECT p."name" AS "pet", o."name" AS "owner" FROM "pet" p JOIN "owner" o ON o."id" = p."ownerId"`,
    ],
    rows,
    probe: pets,
    dump: (dataSource) => dumpPostgresCatalog((sql: string, params?: unknown[]) => dataSource.query(sql, params)),
};

export const sqlite: Adoptable = {
    server: sqliteBlogServer,
    what: "checks, a view, foreign key actions, a partial index, expression indexes",
    schema: [
        `CREATE TABLE "owner" (
            "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
            "name" varchar(80) NOT NULL,
            "email" varchar(120) NOT NULL,
            "mood" varchar CHECK ("mood" IN ('calm', 'busy')) NOT NULL DEFAULT ('calm'),
            "joined" datetime NOT NULL DEFAULT (datetime('now')),
            CONSTRAINT "UQ_owner_email" UNIQUE ("email"),
            CONSTRAINT "CHK_owner_name" CHECK (length("name") > 0))`,
        `CREATE TABLE "pet" (
            "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
            "ownerId" integer,
            "name" text NOT NULL DEFAULT ('nameless'),
            "weight" decimal(6,2) DEFAULT (0),
            "alive" boolean NOT NULL DEFAULT (1),
            CONSTRAINT "CHK_pet_weight" CHECK ("weight" >= 0),
            CONSTRAINT "FK_pet_owner" FOREIGN KEY ("ownerId") REFERENCES "owner" ("id") ON DELETE SET NULL ON UPDATE CASCADE)`,
        `CREATE INDEX "IDX_pet_alive_name" ON "pet" ("name") WHERE "alive" = 1`,
        `CREATE UNIQUE INDEX "IDX_pet_owner_name" ON "pet" ("ownerId", "name")`,
        `CREATE INDEX "IDX_owner_name_prefix" ON "owner" (substr("name", 1, 10))`,
        `CREATE UNIQUE INDEX "IDX_owner_email_lower" ON "owner" (lower("email"), "id") WHERE "mood" = 'calm'`,
        `CREATE TABLE "visit" (
            "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
            "petId" integer NOT NULL,
            "note" varchar(200) NOT NULL,
            "place" varchar(50),
            "fee" integer,
            CONSTRAINT "FK_visit_pet" FOREIGN KEY ("petId") REFERENCES "pet" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
        `CREATE INDEX "IDX_visit_place" ON "visit" ("place")`,
        `CREATE VIEW "pet_owners" AS SELECT p."name" AS "pet", o."name" AS "owner" FROM "pet" p JOIN "owner" o ON o."id" = p."ownerId"`,
    ],
    rows,
    probe: pets,
    dump: (dataSource) => dumpSqliteCatalog((sql: string) => dataSource.query(sql)),
};

export const postgresMore: Adoptable = {
    server: postgresBlogServer,
    what: "another schema, identity, arrays, jsonb, a collation, comments, a deferrable key, a hash index, DESC NULLS LAST, an operator class, views on views, a materialized view",
    schema: [
        `CREATE SCHEMA "shop"`,
        `CREATE TYPE "shop"."tier" AS ENUM ('bronze', 'gold')`,
        `CREATE TABLE "shop"."customer" (
            "id" integer GENERATED BY DEFAULT AS IDENTITY NOT NULL,
            "code" uuid NOT NULL DEFAULT gen_random_uuid(),
            "tier" "shop"."tier" NOT NULL DEFAULT 'bronze',
            "tiers" "shop"."tier"[] NOT NULL DEFAULT '{}',
            "tags" text[] NOT NULL DEFAULT '{}',
            "balance" bigint NOT NULL DEFAULT 0,
            "ratio" double precision NOT NULL DEFAULT 1.5,
            "debt" integer NOT NULL DEFAULT -1,
            "meta" jsonb NOT NULL DEFAULT '{}'::jsonb,
            "nick" character varying(40) COLLATE "C",
            "seen" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
            "active" boolean NOT NULL DEFAULT false,
            CONSTRAINT "PK_customer" PRIMARY KEY ("id"),
            CONSTRAINT "UQ_customer_code" UNIQUE ("code"),
            CONSTRAINT "CHK_customer_money" CHECK ("balance" >= 0 AND "debt" <= 0))`,
        `COMMENT ON TABLE "shop"."customer" IS 'who buys'`,
        `COMMENT ON COLUMN "shop"."customer"."nick" IS 'what they''re called'`,
        `CREATE TABLE "shop"."purchase" (
            "id" SERIAL NOT NULL,
            "customerId" integer NOT NULL,
            "customerCode" uuid NOT NULL,
            "total" numeric(10,2) NOT NULL DEFAULT 0.00,
            CONSTRAINT "PK_purchase" PRIMARY KEY ("id"),
            CONSTRAINT "FK_purchase_customer" FOREIGN KEY ("customerId") REFERENCES "shop"."customer"("id") ON DELETE CASCADE ON UPDATE RESTRICT DEFERRABLE INITIALLY DEFERRED,
            CONSTRAINT "FK_purchase_code" FOREIGN KEY ("customerCode") REFERENCES "shop"."customer"("code") ON DELETE NO ACTION)`,
        `CREATE INDEX "IDX_purchase_total" ON "shop"."purchase" USING hash ("total")`,
        `CREATE INDEX "IDX_purchase_big" ON "shop"."purchase" ("customerId", "total") WHERE "total" > 100`,
        `CREATE VIEW "shop"."big_spenders" AS SELECT "customerId", sum("total") AS "spent" FROM "shop"."purchase" GROUP BY "customerId"`,
        `CREATE VIEW "shop"."top_spender" AS SELECT max("spent") AS "most" FROM "shop"."big_spenders"`,
        `CREATE INDEX "IDX_purchase_desc" ON "shop"."purchase" ("total" DESC NULLS LAST)`,
        `CREATE INDEX "IDX_customer_nick" ON "shop"."customer" ("nick" text_pattern_ops)`,
        `CREATE MATERIALIZED VIEW "shop"."tier_counts" AS SELECT "tier", count(*) AS "n" FROM "shop"."customer" GROUP BY "tier"`,
    ],
    rows: [
        `INSERT INTO "shop"."customer" ("nick") VALUES ('ada')`,
        `INSERT INTO "shop"."purchase" ("customerId", "customerCode", "total") SELECT "id", "code", 150 FROM "shop"."customer"`,
    ],
    probe: { sql: `SELECT "customerId", "spent"::text AS "spent" FROM "shop"."big_spenders"`, answer: [{ customerId: 1, spent: "150.00" }] },
    dump: postgres.dump,
};

export const sqliteMore: Adoptable = {
    server: sqliteBlogServer,
    what: "WITHOUT ROWID, COLLATE NOCASE, expression defaults, a deferrable key, a DESC index, a partial unique index, a view on a view",
    schema: [
        `CREATE TABLE "customer" (
            "code" varchar(20) NOT NULL COLLATE NOCASE,
            "nick" text DEFAULT ('it''s me'),
            "score" integer NOT NULL DEFAULT (-1),
            "ratio" real NOT NULL DEFAULT (1.5),
            "seen" datetime NOT NULL DEFAULT (CURRENT_TIMESTAMP),
            PRIMARY KEY ("code"),
            CONSTRAINT "CHK_customer_score" CHECK ("score" <= 0 OR "ratio" > 1)) WITHOUT ROWID`,
        `CREATE TABLE "purchase" (
            "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
            "customerCode" varchar(20) NOT NULL,
            "total" decimal(10,2) NOT NULL DEFAULT (0),
            CONSTRAINT "FK_purchase_customer" FOREIGN KEY ("customerCode") REFERENCES "customer" ("code") ON DELETE CASCADE ON UPDATE RESTRICT DEFERRABLE INITIALLY DEFERRED)`,
        `CREATE INDEX "IDX_purchase_total" ON "purchase" ("total" DESC)`,
        `CREATE UNIQUE INDEX "IDX_purchase_big" ON "purchase" ("customerCode", "total") WHERE "total" > 100`,
        `CREATE VIEW "big_spenders" AS SELECT "customerCode", sum("total") AS "spent" FROM "purchase" GROUP BY "customerCode"`,
        `CREATE VIEW "top_spender" AS SELECT max("spent") AS "most" FROM "big_spenders"`,
    ],
    rows: [`INSERT INTO "customer" ("code") VALUES ('ada')`, `INSERT INTO "purchase" ("customerCode", "total") VALUES ('ADA', 150)`],
    probe: { sql: `SELECT "customerCode", "spent" FROM "big_spenders"`, answer: [{ customerCode: "ADA", spent: 150 }] },
    dump: sqlite.dump,
};

export const mariadb: Adoptable = {
    server: mariadbBlogServer,
    what: "table collations, prefix lengths, a fulltext index, enum and set columns, unsigned, ON UPDATE, a computed column, checks, a view",
    schema: [
        `CREATE TABLE \`owner\` (
            \`id\` int unsigned NOT NULL AUTO_INCREMENT,
            \`name\` varchar(255) NOT NULL,
            \`email\` varchar(255) NOT NULL,
            \`mood\` enum('calm','busy') NOT NULL DEFAULT 'calm',
            \`perks\` set('a','b') NULL,
            \`bio\` text NULL COMMENT 'about them',
            \`touched\` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
            \`shout\` varchar(255) AS (upper(\`name\`)) VIRTUAL,
            PRIMARY KEY (\`id\`),
            UNIQUE KEY \`UQ_owner_email\` (\`email\`(191)),
            KEY \`IDX_owner_name\` (\`name\`(20), \`mood\`),
            FULLTEXT KEY \`IDX_owner_bio\` (\`bio\`),
            CONSTRAINT \`CHK_owner_name\` CHECK (char_length(\`name\`) > 0)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci COMMENT='who owns'`,
        `CREATE TABLE \`pet\` (
            \`id\` int NOT NULL AUTO_INCREMENT,
            \`ownerId\` int unsigned NULL,
            \`name\` varchar(100) CHARACTER SET latin1 COLLATE latin1_swedish_ci NOT NULL DEFAULT 'nameless',
            \`weight\` decimal(6,2) NOT NULL DEFAULT 0.00,
            PRIMARY KEY (\`id\`),
            CONSTRAINT \`FK_pet_owner\` FOREIGN KEY (\`ownerId\`) REFERENCES \`owner\` (\`id\`) ON DELETE SET NULL ON UPDATE CASCADE
        ) ENGINE=InnoDB DEFAULT CHARSET=latin1`,
        `CREATE TABLE \`visit\` (
            \`id\` int NOT NULL AUTO_INCREMENT,
            \`petId\` int NOT NULL,
            \`note\` varchar(200) NOT NULL,
            \`place\` varchar(50) NULL,
            \`fee\` int NULL,
            PRIMARY KEY (\`id\`),
            KEY \`IDX_visit_place\` (\`place\`),
            CONSTRAINT \`FK_visit_pet\` FOREIGN KEY (\`petId\`) REFERENCES \`pet\` (\`id\`) ON DELETE CASCADE
        ) ENGINE=InnoDB`,
        "CREATE VIEW `pet_owners` AS SELECT p.`name` AS `pet`, o.`name` AS `owner` FROM `pet` p JOIN `owner` o ON o.`id` = p.`ownerId`",
    ],
    rows: rows.map((sql) => sql.replaceAll('"', "`")),
    probe: { sql: "SELECT `pet`, `owner` FROM `pet_owners`", answer: [{ pet: "Rex", owner: "Ada" }] },
    dump: (dataSource) => dumpMysqlCatalog((sql: string, params?: unknown[]) => dataSource.query(sql, params)),
};
