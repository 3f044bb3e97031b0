import { expect } from "chai";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataSource, EntitySchema } from "typeorm";
import { readSchema } from "../../lib/entities/read-schema";
import { planBaseline } from "../../lib/generate/plan-from-database";
import { planSquash } from "../../lib/generate/plan-squash";
import { writeRevision } from "../../lib/generate/write-revision";
import { connectForMigrations } from "../../lib/runner/connect";
import { Runner } from "../../lib/runner/runner";
import { RevisionStore } from "../../lib/store/revision-store";
import { createSqliteFile } from "../support/databases";
import { generateFor } from "../support/generate";

const account = (columns: string[]) =>
    new EntitySchema({
        name: "account",
        columns: {
            id: { type: "integer", primary: true, generated: "increment" },
            ...Object.fromEntries(columns.map((column) => [column, { type: "varchar", nullable: true }])),
        },
    });
const dataSource = (database: string, columns: string[]) => new DataSource({ type: "better-sqlite3", database, entities: [account(columns)] });

/**
 * A squash from base over a baseline (`init --from-db`) stands on the TypeORM migrations the baseline
 * adopted: a database it builds records them, so TypeORM's own runner does not run them again.
 */
describe("squash over a baseline (SQLite)", () => {
    let dir: string;
    let db: ReturnType<typeof createSqliteFile>;

    before(() => {
        dir = mkdtempSync(join(tmpdir(), "tm-squash-baseline-"));
        db = createSqliteFile();
    });
    after(() => {
        rmSync(dir, { recursive: true, force: true });
        db.cleanup();
    });

    it("the squash's delta carries the baseline's adopted migrations and a fresh database records them with it", async () => {
        const live = await readSchema(dataSource(db.path, ["email"]));
        const baseline = planBaseline(RevisionStore.open(dir), live, ["Legacy1600000000001"], {
            message: "baseline",
            bind: "default",
            revisionId: "base0001",
            timestamp: 1764000000000,
            now: 1764000000000,
        });
        writeRevision(dir, baseline);
        await generateFor(dir, dataSource(db.path, ["email", "nickname"]), { message: "nickname", revisionId: "nick0001", timestamp: 1764000001000 });
        const squash = await planSquash(RevisionStore.open(dir), "head", { message: "squashed", bind: "default", revisionId: "squash01", now: 1764000002000 });
        writeRevision(dir, squash);
        const deltaFile = readdirSync(dir).find((file) => file.endsWith("-squashed.json")) as string;
        expect(JSON.parse(readFileSync(join(dir, deltaFile), "utf8"))).to.deep.include({ adopts: ["Legacy1600000000001"], replaces: ["base0001", "nick0001"] });
        const connected = await connectForMigrations(dataSource(db.path, ["email", "nickname"]));
        try {
            const results = await new Runner(connected, RevisionStore.open(dir)).upgrade("squash01");
            expect(results.map((r) => [r.revision, r.status, r.error?.message])).to.deep.equal([["squash01", "applied", undefined]]);
            await connected.query(`INSERT INTO account (email, nickname) VALUES ('a@example.com', 'ann')`);
            const names = (await connected.query<{ name: string }[]>(`SELECT name FROM migrations ORDER BY name`)).map((row) => row.name);
            expect(names).to.deep.equal(["Baseline1764000000000", "Legacy1600000000001", "Nickname1764000001000", "Squashed1764000002000"]);
            const state = await new Runner(connected, RevisionStore.open(dir)).state();
            expect({ foreign: state.foreign, missing: state.missing }).to.deep.equal({ foreign: ["Legacy1600000000001"], missing: [] });
            expect(await connected.query(`SELECT email, nickname FROM account`)).to.deep.equal([{ email: "a@example.com", nickname: "ann" }]);
        } finally {
            await connected.destroy();
        }
    });
});
