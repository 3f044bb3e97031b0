import { expect } from "chai";
import { createMysqlDatabase, type MysqlTestDatabase } from "../support/databases";
import { mysqlColumns, mysqlRows } from "./support/database-state";
import { connectionMembers, tsconfig } from "./support/project-files";
import { messageLines, TempProject } from "./support/temp-project";
import { initAndGenerateFirst } from "./support/first-migration";

const author = (withEmail: boolean) => `import { Column, Entity, OneToMany, PrimaryGeneratedColumn, type Relation } from "typeorm";
import { Book } from "./book.js";

@Entity()
export class Author {
    @PrimaryGeneratedColumn()
    id: number;

    @Column({ length: 100 })
    name: string;
${
    withEmail
        ? `
    @Column({ type: "varchar", length: 200, nullable: true })
    email: string | null;
`
        : ""
}
    @OneToMany(() => Book, (book) => book.author)
    books: Relation<Book[]>;
}
`;

const book = (withIsbn: boolean) => `import { Column, Entity, ManyToOne, PrimaryGeneratedColumn, type Relation } from "typeorm";
import { Author } from "./author.js";

@Entity()
export class Book {
    @PrimaryGeneratedColumn()
    id: number;

    @Column({ length: 200 })
    title: string;
${
    withIsbn
        ? `
    @Column({ type: "varchar", length: 20, nullable: true })
    isbn: string | null;

    @Column({ default: 0 })
    pages: number;
`
        : ""
}
    @ManyToOne(() => Author, (author) => author.books, { nullable: false })
    author: Relation<Author>;
}
`;

/**
 * An ESM application ("type": "module", NodeNext, `.js` import suffixes, `import.meta.dirname`)
 * on TypeORM 1.x that already has TypeScript 7 installs the packed tarball and runs the workflow
 * on MariaDB; then the same project swaps TypeScript 5 in and carries on.
 */
describe("install: ESM + TypeORM 1.x + TypeScript 7 (then 5) + MariaDB, from the packed tarball", function () {
    this.timeout(600_000);
    let db: MysqlTestDatabase;
    let project: TempProject;
    const migrations = "src/migrations";

    before(async () => {
        db = await createMysqlDatabase();
        project = TempProject.create("esm-typeorm1-ts7");
        project.writePackageJson({
            type: "module",
            dependencies: { typeorm: "^1.0.0", mysql2: "^3.15.3", "reflect-metadata": "^0.2.2" },
            devDependencies: { typescript: "^7.0.0", "@types/node": "^20.11.0" },
        });
        project.write("tsconfig.json", tsconfig({ module: "NodeNext", moduleResolution: "NodeNext" }));
        project.write("src/entity/author.ts", author(false));
        project.write("src/entity/book.ts", book(false));
        project.write(
            "src/data-source.ts",
            [
                `import "reflect-metadata";`,
                `import { DataSource } from "typeorm";`,
                `import { Author } from "./entity/author.js";`,
                `import { Book } from "./entity/book.js";`,
                ``,
                `export const AppDataSource = new DataSource({`,
                connectionMembers(db, "mariadb"),
                `    entities: [Author, Book],`,
                `    migrations: [import.meta.dirname + "/migrations/*{.ts,.js}"],`,
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

    it("installs next to TypeScript 7 without ERESOLVE, as the one typeorm 1.x, without pg or better-sqlite3", () => {
        expect(project.installedVersion("typescript")).to.match(/^7\./);
        const install = project.npmRun(["install", "-D", project.tarballSpec()]);
        expect(install.status, install.output).to.equal(0);
        expect(install.output).not.to.include("ERESOLVE");
        expect(project.installedVersion("typescript")).to.match(/^7\./);
        expect(project.installedVersion("typeorm")).to.match(/^1\./);
        expect(project.copiesOf("typeorm")).to.deep.equal(["node_modules/typeorm"]);
        expect(project.copiesOf("pg")).to.deep.equal([]);
        expect(project.copiesOf("better-sqlite3")).to.deep.equal([]);
    });

    it("init -d and generate write the first migration (.ts with its .json) where the migrations glob points", () => {
        expect(initAndGenerateFirst(project, migrations, "authors and books")).to.equal(project.installedVersion("typeorm"));
    });

    it("upgrade creates both tables with their foreign key", async () => {
        const upgrade = project.cli(["upgrade"]);
        expect(upgrade.status, upgrade.output).to.equal(0);
        expect(Object.keys(await mysqlColumns(db, "book")).sort()).to.deep.equal(["authorId", "id", "title"]);
        const foreignKeys = await mysqlRows(db, "SELECT CONSTRAINT_NAME FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?", [
            db.name,
        ]);
        expect(foreignKeys).to.have.length(1);
        await mysqlRows(db, "INSERT INTO author (id, name) VALUES (1, 'Le Guin')");
        await mysqlRows(db, "INSERT INTO book (title, authorId) VALUES ('The Dispossessed', 1), ('Lavinia', 1)");
    });

    it("after an entity change, generate and upgrade add the columns and keep the rows", async () => {
        project.write("src/entity/book.ts", book(true));
        const generate = project.cli(["generate", "-m", "isbn and pages"]);
        expect(generate.status, generate.output).to.equal(0);
        expect(project.files(migrations, ".ts"), generate.output).to.have.length(2);
        const upgrade = project.cli(["upgrade"]);
        expect(upgrade.status, upgrade.output).to.equal(0);
        expect(await mysqlColumns(db, "book")).to.include({ isbn: "varchar", pages: "int" });
        expect(await mysqlRows(db, "SELECT title, isbn, pages FROM book ORDER BY id")).to.deep.equal([
            { title: "The Dispossessed", isbn: null, pages: 0 },
            { title: "Lavinia", isbn: null, pages: 0 },
        ]);
    });

    it("check finds no changes and exits 0", () => {
        const check = project.cli(["check"]);
        expect(check.status, check.output).to.equal(0);
    });

    it("downgrade reverts the second migration; the rows survive", async () => {
        const downgrade = project.cli(["downgrade"]);
        expect(downgrade.status, downgrade.output).to.equal(0);
        expect(Object.keys(await mysqlColumns(db, "book")).sort()).to.deep.equal(["authorId", "id", "title"]);
        expect(await mysqlRows(db, "SELECT title, authorId FROM book ORDER BY id")).to.deep.equal([
            { title: "The Dispossessed", authorId: 1 },
            { title: "Lavinia", authorId: 1 },
        ]);
        expect(await mysqlRows(db, "SELECT name FROM migrations")).to.have.length(1);
    });

    it("with TypeScript 5 swapped in, the same project generates, upgrades and checks", async () => {
        project.npm(["install", "-D", "typescript@^5.0.0"]);
        expect(project.installedVersion("typescript")).to.match(/^5\./);
        project.write("src/entity/author.ts", author(true));
        const generate = project.cli(["generate", "-m", "author email"]);
        expect(generate.status, generate.output).to.equal(0);
        expect(project.files(migrations, ".ts"), generate.output).to.have.length(3);
        const upgrade = project.cli(["upgrade"]);
        expect(upgrade.status, upgrade.output).to.equal(0);
        expect(await mysqlColumns(db, "author")).to.include({ email: "varchar" });
        expect(await mysqlColumns(db, "book")).to.include({ isbn: "varchar" });
        expect(await mysqlRows(db, "SELECT name FROM migrations")).to.have.length(3);
        const check = project.cli(["check"]);
        expect(check.status, check.output).to.equal(0);
    });

    it("a data source on postgres, whose driver is not installed, fails with one line naming pg", () => {
        project.write(
            "src/postgres-data-source.ts",
            [
                `import "reflect-metadata";`,
                `import { DataSource } from "typeorm";`,
                `import { Author } from "./entity/author.js";`,
                `import { Book } from "./entity/book.js";`,
                ``,
                `export const AppDataSource = new DataSource({ type: "postgres", database: "shop", entities: [Author, Book], migrations: ["src/postgres-migrations/*.ts"] });`,
                ``,
            ].join("\n"),
        );
        const generate = project.cli(["generate", "-d", "src/postgres-data-source.ts", "-m", "on postgres"]);
        expect(generate.status, generate.output).to.equal(2);
        expect(messageLines(generate.stderr), generate.output).to.have.length(1);
        expect(generate.stderr, generate.output).to.match(/\bpg\b/);
        expect(project.files("src/postgres-migrations", ".ts")).to.deep.equal([]);
    });
});
