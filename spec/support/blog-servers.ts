import type { FixtureDataSourceOptions } from "../../fixtures/blog/build-data-source";
import { createMysqlDatabase, createPostgresDatabase, createSqliteFile } from "./databases";

/** A server the blog fixture's data-source files can be pointed at. */
export interface BlogServer {
    readonly name: string;
    /** A fresh database: the environment the blog's data-source files read, and options for an in-test DataSource. */
    create(): Promise<{ env: Record<string, string>; options: FixtureDataSourceOptions; drop(): Promise<void> }>;
    readonly quote: (name: string) => string;
}

export const postgresBlogServer: BlogServer = {
    name: "PostgreSQL",
    async create() {
        const db = await createPostgresDatabase();
        return { env: { BLOG_URL: db.url }, options: { ...db.options, type: "postgres" }, drop: () => db.drop() };
    },
    quote: (name) => `"${name}"`,
};

export const mariadbBlogServer: BlogServer = {
    name: "MariaDB",
    async create() {
        const db = await createMysqlDatabase();
        const url = `mariadb://${db.options.username}${db.options.password ? `:${db.options.password}` : ""}@${db.options.host}:${db.options.port}/${db.name}`;
        return { env: { BLOG_URL: url }, options: { ...db.options, type: "mariadb" }, drop: () => db.drop() };
    },
    quote: (name) => `\`${name}\``,
};

export const sqliteBlogServer: BlogServer = {
    name: "SQLite",
    async create() {
        const file = createSqliteFile();
        return { env: { BLOG_DB: file.path }, options: { type: "better-sqlite3", database: file.path }, drop: async () => file.cleanup() };
    },
    quote: (name) => `"${name}"`,
};
