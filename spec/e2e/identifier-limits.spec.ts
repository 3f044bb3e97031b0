import { expect } from "chai";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildBlogDataSource } from "../../fixtures/blog/build-data-source";
import { identifierLimitCases, longColumnName, longIndexName, longTableName } from "../../fixtures/identifier-limits/entities";
import { harnesses, mysqlHarnesses, postgresHarness, type DialectHarness } from "../support/dialect-harness";
import { distRoot, runCli } from "../support/run-cli";
import { describeVersionSteps } from "../support/version-steps";

// Issue 11, section 5, identifier limits: decided at generate. PostgreSQL cuts a long name to 63
// bytes in synchronize() as in a migration (so the migration builds the same); two names that
// become one, and any MySQL/MariaDB name over 64 characters, make synchronize() fail too: generate
// refuses them (exit 2, one line naming entity and property, nothing written).

const dataSourceFile = join(distRoot, "fixtures", "identifier-limits", "data-source.js");
type Case = keyof typeof identifierLimitCases;

for (const harness of harnesses) {
    describeVersionSteps(
        "a table, a column and an index named longer than identifier limits",
        harness,
        [{ id: "long0001", build: (options) => buildBlogDataSource(identifierLimitCases.names, options) }],
        {
            async afterUpgrade(_index, dataSource) {
                await dataSource.query(`INSERT INTO "${longTableName}" ("${longColumnName}") VALUES (7)`);
                expect(await dataSource.query(`SELECT "${longColumnName}" AS "value" FROM "${longTableName}"`)).to.deep.equal([{ value: 7 }]);
            },
        },
    );
}

/** What generate does with case `which` on `driver`, in a fresh folder: exit status, stderr lines, files written. */
function generate(driver: string, which: Case): { status: number | null; lines: string[]; written: string[] } {
    const cwd = mkdtempSync(join(tmpdir(), "tm-limits-"));
    try {
        const run = runCli(["generate", "-d", dataSourceFile, "-m", "long names"], {
            cwd,
            env: { LIMIT_DRIVER: driver, LIMIT_CASE: which, BLOG_DB: join(cwd, "db.sqlite") },
        });
        const written = existsSync(join(cwd, "migrations")) ? readdirSync(join(cwd, "migrations"), { recursive: true }).map(String) : [];
        return { status: run.status, lines: run.stderr.trim().split("\n"), written };
    } finally {
        rmSync(cwd, { recursive: true, force: true });
    }
}

/** synchronize() of case `which` on a fresh database of `harness`: the error it fails with, or null. */
async function synchronizeError(harness: DialectHarness, which: Case): Promise<string | null> {
    const db = await harness.createDatabase();
    const dataSource = buildBlogDataSource(identifierLimitCases[which], db.options);
    try {
        await dataSource.initialize();
        await dataSource.synchronize();
        return null;
    } catch (error) {
        return (error as Error).message;
    } finally {
        if (dataSource.isInitialized) await dataSource.destroy();
        await db.drop();
    }
}

for (const harness of mysqlHarnesses) {
    describe(`identifier limits on ${harness.name}: names over 64 characters`, () => {
        const refusals: { which: Case; message: RegExp }[] = [
            {
                which: "table",
                message: new RegExp(`^typeorm-migrate: error: LongTable: table name "${longTableName}" is 68 characters long; MySQL and MariaDB allow 64`),
            },
            {
                which: "column",
                message: new RegExp(
                    `^typeorm-migrate: error: LongColumn\\.value: column name "${longColumnName}" is 69 characters long; MySQL and MariaDB allow 64`,
                ),
            },
            {
                which: "index",
                message: new RegExp(
                    `^typeorm-migrate: error: LongIndex\\.value: index name "${longIndexName}" is 73 characters long; MySQL and MariaDB allow 64`,
                ),
            },
        ];
        for (const { which, message } of refusals) {
            it(`a too long ${which} name: synchronize() fails on the server, generate exits 2 with one line and writes nothing`, async () => {
                expect(await synchronizeError(harness, which)).to.match(/Identifier name .* is too long|Incorrect table name/);
                const result = generate(harness.name, which);
                expect(result.status).to.equal(2);
                expect(result.lines).to.have.length(1);
                expect(result.lines[0]).to.match(message);
                expect(result.written).to.deep.equal([]);
            });
        }
    });
}

describe("identifier limits on postgres: two column names that are one in their first 63 bytes", () => {
    it("synchronize() fails on the server, generate exits 2 with one line naming both properties and writes nothing", async () => {
        expect(await synchronizeError(postgresHarness, "cut")).to.match(/specified more than once/);
        const result = generate("postgres", "cut");
        expect(result.status).to.equal(2);
        expect(result.lines).to.have.length(1);
        expect(result.lines[0]).to.match(
            /^typeorm-migrate: error: CutColumns\.second: column name ".*_second" is 76 bytes long; PostgreSQL keeps its first 63 \(".*_po"\), the same as of the column name ".*_first" of CutColumns\.first/,
        );
        expect(result.written).to.deep.equal([]);
    });

    it("a single long name on postgres or sqlite is generated (and built as synchronize() builds it, above)", () => {
        for (const driver of ["postgres", "better-sqlite3"]) {
            const result = generate(driver, "names");
            expect(result.status, driver).to.equal(0);
            expect(
                result.written.filter((f) => f.endsWith(".ts")),
                driver,
            ).to.have.length(1);
        }
    });
});
