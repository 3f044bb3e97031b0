import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { buildBlogDataSource, type BlogDataSourceOptions } from "../../fixtures/blog/build-data-source";
import { entities, MOODS } from "../../fixtures/hostile/entities";
import { pendingChanges } from "../../lib/generate/plan-revision";
import { readSchema } from "../../lib/entities/read-schema";
import { Runner } from "../../lib/runner/runner";
import { RevisionStore } from "../../lib/store/revision-store";
import type { Catalog } from "../support/catalog/catalog";
import { diffCatalogs } from "../support/catalog/compare";
import { connectForMigrations, mysqlHarnesses, type ScratchDatabase } from "../support/dialect-harness";
import { generateFor } from "../support/generate";

// spec/e2e/hostile-names.spec.ts on MariaDB: backticks, double quotes, spaces, unicode and
// reserved words in names; quotes, backslashes and `${` in comments, defaults and enum values.
// (TypeORM's own synchronize() fails on these entities here: it writes the table comment
// unescaped in double quotes. So the migration is held to the entities' values instead.)

const hostile = (options: BlogDataSourceOptions) => buildBlogDataSource(entities, options);
const TABLE = '`order "lines"`';

for (const harness of mysqlHarnesses) {
    describe(`hostile names and values on ${harness.name}`, () => {
        let db: ScratchDatabase;
        let dataSource: DataSource;
        let root: string;
        let dir: string;
        let empty: Catalog;
        let migrated: Catalog;

        before(async () => {
            db = await harness.createDatabase();
            root = mkdtempSync(join(tmpdir(), "tm-hostile-"));
            dir = join(root, "default");
            dataSource = await connectForMigrations(hostile(db.options));
            empty = await harness.dump(dataSource);
        });
        after(async () => {
            if (dataSource?.isInitialized) await dataSource.destroy();
            await db?.drop();
            if (root) rmSync(root, { recursive: true, force: true });
        });

        it("generates a migration file that compiles and runs, and check is clean after it", async () => {
            const file = await generateFor(dir, hostile(db.options), { message: "hostile", revisionId: "hostile1", timestamp: 1764000000000 });
            expect(readFileSync(file as string, "utf8")).to.include("Revision: hostile1");
            const results = await new Runner(dataSource, RevisionStore.open(dir)).upgrade("hostile1");
            expect(results.map((r) => [r.status, r.error?.message])).to.deep.equal([["applied", undefined]]);
            migrated = await harness.dump(dataSource);
            expect(pendingChanges(RevisionStore.open(dir), await readSchema(hostile(db.options))).ops).to.deep.equal([]);
        });

        it("defaults, enum values and comments arrive exactly as the entity spells them", async () => {
            await dataSource.query(`INSERT INTO ${TABLE} () VALUES ()`);
            const [row] = await dataSource.query<Record<string, unknown>[]>(
                `SELECT \`select\`, \`naïve 表\` AS \`mood\`, \`back\`\`tick\` AS \`path\` FROM ${TABLE}`,
            );
            expect(row).to.deep.equal({ select: "it's", mood: "o'clock", path: "C:\\path\\${x}" });
            for (const mood of MOODS) await dataSource.query(`INSERT INTO ${TABLE} (\`naïve 表\`) VALUES (?)`, [mood]);
            const moods = await dataSource.query<{ mood: string }[]>(`SELECT \`naïve 表\` AS \`mood\` FROM ${TABLE} ORDER BY \`id.key\``);
            expect(moods.map((m) => m.mood)).to.deep.equal(["o'clock", ...MOODS]);
            const [table] = await dataSource.query<{ c: string }[]>(
                "SELECT TABLE_COMMENT AS c FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?",
                [`order "lines"`],
            );
            expect(table.c).to.equal('it\'s "the" table \\ with a backslash and `ticks`');
            const [column] = await dataSource.query<{ c: string }[]>(
                "SELECT COLUMN_COMMENT AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND COLUMN_NAME = 'select'",
            );
            expect(column.c).to.equal('a "quoted" comment with \\ and \' and ${x}');
        });

        it("the down migration leaves the empty database; upgrading again gives the same catalog", async () => {
            await new Runner(dataSource, RevisionStore.open(dir)).downgrade(null);
            expect(diffCatalogs(empty, await harness.dump(dataSource))).to.deep.equal([]);
            await new Runner(dataSource, RevisionStore.open(dir)).upgrade("hostile1");
            expect(diffCatalogs(migrated, await harness.dump(dataSource))).to.deep.equal([]);
        });
    });
}
