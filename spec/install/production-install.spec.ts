import { expect } from "chai";
import { copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { createPostgresDatabase, type PostgresTestDatabase } from "../support/databases";
import { pgColumns, pgRows } from "./support/database-state";
import { connectionMembers, tsconfig } from "./support/project-files";
import { messageLines, TempProject } from "./support/temp-project";
import { initAndGenerateFirst } from "./support/first-migration";

const item = (withNote: boolean) => `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity()
export class Item {
    @PrimaryGeneratedColumn()
    id: number;

    @Column()
    name: string;
${
    withNote
        ? `
    @Column({ type: "text", nullable: true })
    note: string | null;
`
        : ""
}}
`;

/**
 * A production image: the application is built with tsc (migrations included), then only
 * package.json, the lockfile and dist/ are copied and installed with `npm ci --omit=dev`, so
 * neither TypeScript nor ts-node is there. typeorm-migrate is a regular dependency and upgrades
 * from the compiled migrations; a `.ts` migration it meets there is a one-line exit-2 error.
 */
describe("install: production image (npm ci --omit=dev) running compiled migrations, from the packed tarball", function () {
    this.timeout(600_000);
    let db: PostgresTestDatabase;
    let development: TempProject;
    let production: TempProject;
    const compiled = "dist/migrations";
    const upgrade = () => production.cli(["upgrade", "-d", "dist/data-source.js"]);

    before(async () => {
        db = await createPostgresDatabase();
        development = TempProject.create("production-build");
        development.writePackageJson({
            scripts: { build: "tsc -p tsconfig.json" },
            dependencies: { "typeorm-migrate": development.tarballSpec(), typeorm: "^1.0.0", pg: "^8.11.0", "reflect-metadata": "^0.2.2" },
            devDependencies: { typescript: "^6.0.0", "@types/node": "^20.0.0" },
        });
        development.write("tsconfig.json", tsconfig({ module: "commonjs" }));
        development.write("src/entity/item.ts", item(false));
        development.write(
            "src/data-source.ts",
            [
                `import "reflect-metadata";`,
                `import { DataSource } from "typeorm";`,
                `import { Item } from "./entity/item";`,
                ``,
                `export default new DataSource({`,
                connectionMembers(db),
                `    entities: [Item],`,
                `    migrations: [__dirname + "/migrations/*{.ts,.js}"],`,
                `});`,
                ``,
            ].join("\n"),
        );
        development.npm(["install"]);
    });

    after(async () => {
        development?.remove();
        production?.remove();
        await db?.drop();
    });

    it("the build compiles the first generated migration to JavaScript", () => {
        initAndGenerateFirst(development, "src/migrations", "create item");
        const build = development.npmRun(["run", "build"]);
        expect(build.status, build.output).to.equal(0);
        expect(development.files(compiled, ".js")).to.have.length(1);
    });

    it("npm ci --omit=dev installs typeorm-migrate without TypeScript or ts-node", () => {
        production = development.copyTo("production-image", ["package.json", "package-lock.json", "dist"]);
        production.npm(["ci", "--omit=dev"]);
        expect(production.installedVersion("typeorm-migrate")).to.be.a("string");
        expect(production.copiesOf("typescript")).to.deep.equal([]);
        expect(production.copiesOf("ts-node")).to.deep.equal([]);
        expect(production.copiesOf("better-sqlite3")).to.deep.equal([]);
        expect(production.copiesOf("mysql2")).to.deep.equal([]);
    });

    it("upgrade runs the compiled migration there", async () => {
        const run = upgrade();
        expect(run.status, run.output).to.equal(0);
        expect(Object.keys(await pgColumns(db, "item")).sort()).to.deep.equal(["id", "name"]);
        expect(await pgRows(db, "SELECT name FROM migrations")).to.have.length(1);
        await pgRows(db, "INSERT INTO item (name) VALUES ('kept'), ('also kept')");
    });

    it("a .ts migration among the compiled ones is a one-line exit-2 error, and nothing runs", async () => {
        development.write("src/entity/item.ts", item(true));
        const generate = development.cli(["generate", "-m", "add note"]);
        expect(generate.status, generate.output).to.equal(0);
        const source = development.files("src/migrations", ".ts")[1];
        expect(source, generate.output).to.be.a("string");
        copyFileSync(join(development.dir, "src/migrations", source), join(production.dir, compiled, source));
        const run = upgrade();
        expect(run.status, run.output).to.equal(2);
        expect(messageLines(run.stderr), run.output).to.have.length(1);
        expect(run.stderr, run.output).to.include(source);
        expect(run.output, run.output).not.to.match(/rolled back/i);
        expect(Object.keys(await pgColumns(db, "item")).sort()).to.deep.equal(["id", "name"]);
        expect(await pgRows(db, "SELECT name FROM migrations")).to.have.length(1);
    });

    it("once compiled, the second migration upgrades and downgrades there; the rows survive", async () => {
        rmSync(join(production.dir, compiled, development.files("src/migrations", ".ts")[1] ?? "none.ts"), { force: true });
        const build = development.npmRun(["run", "build"]);
        expect(build.status, build.output).to.equal(0);
        const second = development.files(compiled, ".js")[1];
        expect(second).to.be.a("string");
        copyFileSync(join(development.dir, compiled, second), join(production.dir, compiled, second));
        const run = upgrade();
        expect(run.status, run.output).to.equal(0);
        expect(await pgRows(db, "SELECT name, note FROM item ORDER BY id")).to.deep.equal([
            { name: "kept", note: null },
            { name: "also kept", note: null },
        ]);
        const downgrade = production.cli(["downgrade", "-d", "dist/data-source.js"]);
        expect(downgrade.status, downgrade.output).to.equal(0);
        expect(Object.keys(await pgColumns(db, "item")).sort()).to.deep.equal(["id", "name"]);
        expect(await pgRows(db, "SELECT name FROM item ORDER BY id")).to.deep.equal([{ name: "kept" }, { name: "also kept" }]);
        expect(await pgRows(db, "SELECT name FROM migrations")).to.have.length(1);
    });
});
