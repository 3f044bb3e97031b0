import { expect } from "chai";
import { createPostgresDatabase, type PostgresTestDatabase } from "../support/databases";
import { pgColumns, pgRows } from "./support/database-state";
import { connectionMembers, tsconfig } from "./support/project-files";
import { messageLines, TempProject } from "./support/temp-project";
import { initAndGenerateFirst } from "./support/first-migration";

const itemV1 = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

export type Status = "draft" | "published";

@Entity()
export class Item {
    @PrimaryGeneratedColumn()
    id: number;

    @Column()
    name: string;

    @Column()
    status: Status;
}
`;

const itemV2 = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

export type Status = "draft" | "published";
type Visibility = "public" | "private";

@Entity()
export class Item {
    @PrimaryGeneratedColumn()
    id: number;

    @Column()
    name: string;

    @Column()
    status: Status;

    @Column({ default: "public" })
    visibility: Visibility;

    @Column({ type: "text", nullable: true })
    note: string | null;
}
`;

/**
 * A CommonJS application on TypeORM 0.3 and TypeScript 6 installs the packed tarball as a dev
 * dependency and runs the whole workflow on PostgreSQL. Its entity types a column with a union
 * alias, which only a type-aware emit turns into a varchar (a transpile-only emit says `Object`).
 */
describe("install: CommonJS + TypeORM 0.3 + TypeScript 6 + PostgreSQL, from the packed tarball", function () {
    this.timeout(600_000);
    let db: PostgresTestDatabase;
    let project: TempProject;
    const migrations = "src/migrations";

    before(async () => {
        db = await createPostgresDatabase();
        project = TempProject.create("cjs-typeorm03-ts6");
        project.writePackageJson({
            dependencies: { typeorm: "^0.3.20", pg: "^8.11.0", "reflect-metadata": "^0.2.2" },
            devDependencies: { "typeorm-migrate": project.tarballSpec(), typescript: "^6.0.0", "@types/node": "^20.0.0" },
        });
        project.write("tsconfig.json", tsconfig({ module: "commonjs" }));
        project.write("src/entity/item.ts", itemV1);
        project.write(
            "src/data-source.ts",
            [
                `import "reflect-metadata";`,
                `import { DataSource } from "typeorm";`,
                `import { Item } from "./entity/item";`,
                ``,
                `export default new DataSource({`,
                connectionMembers(db),
                `    entities: [Item],`,
                `    migrations: ["${migrations}/*.ts"],`,
                `});`,
                ``,
            ].join("\n"),
        );
        project.npm(["install"]);
    });

    after(async () => {
        project?.remove();
        await db?.drop();
    });

    it("installs TypeORM 0.3 as the one typeorm in the tree, and neither better-sqlite3 nor mysql2", () => {
        expect(project.installedVersion("typeorm")).to.match(/^0\.3\./);
        expect(project.installedVersion("typeorm-migrate")).to.be.a("string");
        expect(project.copiesOf("typeorm")).to.deep.equal(["node_modules/typeorm"]);
        expect(project.copiesOf("better-sqlite3")).to.deep.equal([]);
        expect(project.copiesOf("mysql2")).to.deep.equal([]);
    });

    it("init -d records the data source; generate writes the first migration and its .json where the migrations glob points", () => {
        expect(initAndGenerateFirst(project, migrations, "create item")).to.equal(project.installedVersion("typeorm"));
    });

    it("upgrade creates the table, the union-typed column as varchar, and records the migration", async () => {
        const upgrade = project.cli(["upgrade"]);
        expect(upgrade.status, upgrade.output).to.equal(0);
        expect(await pgColumns(db, "item")).to.deep.equal({ id: "integer", name: "character varying", status: "character varying" });
        expect(await pgRows(db, "SELECT name FROM migrations")).to.have.length(1);
        await pgRows(db, "INSERT INTO item (name, status) VALUES ('first', 'draft'), ('second', 'published')");
    });

    it("after an entity change, generate and upgrade add the columns and keep the rows", async () => {
        project.write("src/entity/item.ts", itemV2);
        const generate = project.cli(["generate", "-m", "visibility and note"]);
        expect(generate.status, generate.output).to.equal(0);
        expect(project.files(migrations, ".ts"), generate.output).to.have.length(2);
        const upgrade = project.cli(["upgrade"]);
        expect(upgrade.status, upgrade.output).to.equal(0);
        expect(await pgColumns(db, "item")).to.include({ visibility: "character varying", note: "text" });
        expect(await pgRows(db, "SELECT name, status, visibility, note FROM item ORDER BY id")).to.deep.equal([
            { name: "first", status: "draft", visibility: "public", note: null },
            { name: "second", status: "published", visibility: "public", note: null },
        ]);
    });

    it("check finds no changes and exits 0", () => {
        const check = project.cli(["check"]);
        expect(check.status, check.output).to.equal(0);
    });

    it("downgrade reverts the second migration; the rows survive", async () => {
        const downgrade = project.cli(["downgrade"]);
        expect(downgrade.status, downgrade.output).to.equal(0);
        expect(Object.keys(await pgColumns(db, "item")).sort()).to.deep.equal(["id", "name", "status"]);
        expect(await pgRows(db, "SELECT name, status FROM item ORDER BY id")).to.deep.equal([
            { name: "first", status: "draft" },
            { name: "second", status: "published" },
        ]);
        expect(await pgRows(db, "SELECT name FROM migrations")).to.have.length(1);
    });

    it("a data source on mysql, whose driver is not installed, fails with one line naming mysql2", () => {
        project.write(
            "src/mysql-data-source.ts",
            [
                `import "reflect-metadata";`,
                `import { DataSource } from "typeorm";`,
                `import { Item } from "./entity/item";`,
                ``,
                `export default new DataSource({ type: "mysql", database: "shop", entities: [Item], migrations: ["src/mysql-migrations/*.ts"] });`,
                ``,
            ].join("\n"),
        );
        const generate = project.cli(["generate", "-d", "src/mysql-data-source.ts", "-m", "on mysql"]);
        expect(generate.status, generate.output).to.equal(2);
        expect(messageLines(generate.stderr), generate.output).to.have.length(1);
        expect(generate.stderr, generate.output).to.include("mysql2");
        expect(project.files("src/mysql-migrations", ".ts")).to.deep.equal([]);
        expect(project.files(migrations, ".ts")).to.have.length(2);
    });
});
