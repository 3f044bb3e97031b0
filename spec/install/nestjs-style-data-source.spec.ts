import { expect } from "chai";
import { createPostgresDatabase, type PostgresTestDatabase } from "../support/databases";
import { pgColumns, pgRows, pgTables } from "./support/database-state";
import { TempProject } from "./support/temp-project";
import { initAndGenerateFirst } from "./support/first-migration";

const userEntity = `import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn } from "typeorm";
import { Post } from "../posts/post.entity";

@Entity("users")
export class User {
    @PrimaryGeneratedColumn("uuid")
    id: string;

    @Column({ unique: true })
    email: string;

    @CreateDateColumn()
    createdAt: Date;

    @OneToMany(() => Post, (post) => post.author)
    posts: Post[];
}
`;

const postEntity = (withPublished: boolean) => `import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { User } from "../users/user.entity";

@Entity("posts")
export class Post {
    @PrimaryGeneratedColumn()
    id: number;

    @Column()
    title: string;
${
    withPublished
        ? `
    @Column({ default: false })
    published: boolean;
`
        : ""
}
    @ManyToOne(() => User, (user) => user.posts, { onDelete: "CASCADE" })
    author: User;
}
`;

const dataSource = `import { config } from "dotenv";
import { DataSource } from "typeorm";

config();

export const AppDataSource = new DataSource({
    type: "postgres",
    host: process.env.DB_HOST,
    port: parseInt(process.env.DB_PORT ?? "5432", 10),
    username: process.env.DB_USERNAME,
    password: process.env.DB_PASSWORD,
    database: process.env.DB_DATABASE,
    entities: [__dirname + "/**/*.entity{.ts,.js}"],
    migrations: [__dirname + "/migrations/*{.ts,.js}"],
    migrationsTableName: "custom_migrations",
});
`;

/** The tsconfig `nest new` writes, with the project's sources under src/. */
const nestTsconfig = {
    compilerOptions: {
        module: "commonjs",
        declaration: true,
        removeComments: true,
        emitDecoratorMetadata: true,
        experimentalDecorators: true,
        allowSyntheticDefaultImports: true,
        target: "ES2021",
        sourceMap: true,
        outDir: "./dist",
        baseUrl: "./",
        incremental: true,
        skipLibCheck: true,
        strictNullChecks: false,
        noImplicitAny: false,
        strictBindCallApply: false,
        forceConsistentCasingInFileNames: false,
        noFallthroughCasesInSwitch: false,
    },
    include: ["src"],
};

/**
 * A NestJS-style application: TypeORM 0.3 and TypeScript 5, the connection read from `.env` by
 * dotenv, entities and migrations found by globs under `__dirname`, and its own migrations table
 * name. What typeorm-migrate applies, TypeORM's own `migration:show` lists as applied.
 */
describe("install: NestJS-style data source (dotenv, entity and migration globs, migrationsTableName), from the packed tarball", function () {
    this.timeout(600_000);
    let db: PostgresTestDatabase;
    let project: TempProject;
    const migrations = "src/migrations";
    const classNames = () => project.files(migrations, ".ts").map((file) => /export class (\w+)/.exec(project.read(`${migrations}/${file}`))?.[1]);
    const migrationShow = () => project.bin("typeorm", ["migration:show", "-d", "dist/data-source.js"]);

    before(async () => {
        db = await createPostgresDatabase();
        project = TempProject.create("nestjs-style");
        project.writePackageJson({
            scripts: { build: "tsc -p tsconfig.json" },
            dependencies: { typeorm: "^0.3.20", pg: "^8.11.0", dotenv: "^16.4.0", "reflect-metadata": "^0.2.2" },
            devDependencies: { "typeorm-migrate": project.tarballSpec(), typescript: "^5.4.0", "@types/node": "^20.0.0" },
        });
        project.write("tsconfig.json", `${JSON.stringify(nestTsconfig, null, 2)}\n`);
        const { host, port, username, password, database } = db.options;
        project.write(".env", `DB_HOST=${host}\nDB_PORT=${port}\nDB_USERNAME=${username}\nDB_PASSWORD=${password ?? ""}\nDB_DATABASE=${database}\n`);
        project.write("src/data-source.ts", dataSource);
        project.write("src/users/user.entity.ts", userEntity);
        project.write("src/posts/post.entity.ts", postEntity(false));
        project.npm(["install"]);
    });

    after(async () => {
        project?.remove();
        await db?.drop();
    });

    it("init -d, generate and upgrade build the schema from the globbed entities, recorded in custom_migrations", async () => {
        initAndGenerateFirst(project, migrations, "users and posts");
        const upgrade = project.cli(["upgrade"]);
        expect(upgrade.status, upgrade.output).to.equal(0);
        expect(await pgTables(db)).to.deep.equal(["custom_migrations", "posts", "users"]);
        expect(await pgColumns(db, "users")).to.include({ id: "uuid", email: "character varying" });
        const [{ id }] = await pgRows<{ id: string }>(db, "INSERT INTO users (email) VALUES ('ada@example.com') RETURNING id");
        await pgRows(db, `INSERT INTO posts (title, "authorId") VALUES ('Notes', $1), ('Sketches', $1)`, [id]);
    });

    it("after an entity change, generate and upgrade add the column and keep the rows", async () => {
        project.write("src/posts/post.entity.ts", postEntity(true));
        const generate = project.cli(["generate", "-m", "published flag"]);
        expect(generate.status, generate.output).to.equal(0);
        expect(project.files(migrations, ".ts"), generate.output).to.have.length(2);
        const upgrade = project.cli(["upgrade"]);
        expect(upgrade.status, upgrade.output).to.equal(0);
        expect(await pgRows(db, "SELECT title, published FROM posts ORDER BY id")).to.deep.equal([
            { title: "Notes", published: false },
            { title: "Sketches", published: false },
        ]);
        expect(await pgRows(db, "SELECT name FROM custom_migrations")).to.have.length(2);
    });

    it("check finds no changes and exits 0", () => {
        const check = project.cli(["check"]);
        expect(check.status, check.output).to.equal(0);
    });

    it("typeorm migration:show, on the compiled data source, lists both migrations as applied", () => {
        const build = project.npmRun(["run", "build"]);
        expect(build.status, build.output).to.equal(0);
        const show = migrationShow();
        expect(show.status, show.output).to.equal(0);
        const names = classNames();
        expect(names).to.have.length(2);
        for (const name of names) expect(show.stdout, show.output).to.match(new RegExp(`\\[X\\].*\\b${name}\\b`));
    });

    it("downgrade reverts the second migration, the rows survive, and migration:show lists it as pending", async () => {
        const downgrade = project.cli(["downgrade"]);
        expect(downgrade.status, downgrade.output).to.equal(0);
        expect(Object.keys(await pgColumns(db, "posts")).sort()).to.deep.equal(["authorId", "id", "title"]);
        expect(await pgRows(db, "SELECT title FROM posts ORDER BY id")).to.deep.equal([{ title: "Notes" }, { title: "Sketches" }]);
        expect(await pgRows(db, "SELECT email FROM users")).to.deep.equal([{ email: "ada@example.com" }]);
        const show = migrationShow();
        const [first, second] = classNames();
        expect(show.stdout, show.output).to.match(new RegExp(`\\[X\\].*\\b${first}\\b`));
        expect(show.stdout, show.output).to.match(new RegExp(`\\[ \\].*\\b${second}\\b`));
    });
});
