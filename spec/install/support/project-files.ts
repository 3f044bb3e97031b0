import type { MysqlTestDatabase, PostgresTestDatabase } from "../../support/databases";

// Pieces of the files the install scenarios write into their temporary projects.

/** The connection fields of a DataSource on this test database, as TypeScript object members. */
export function connectionMembers(db: PostgresTestDatabase | MysqlTestDatabase, type?: "mariadb" | "mysql"): string {
    const { host, port, username, password, database } = db.options;
    const fields: Record<string, unknown> = { type: type ?? "postgres", host, port, username, ...(password === undefined ? {} : { password }), database };
    return Object.entries(fields)
        .map(([key, value]) => `    ${key}: ${JSON.stringify(value)},`)
        .join("\n");
}

/** A tsconfig.json for decorated entities, with these module settings. */
export function tsconfig(compilerOptions: Record<string, unknown>): string {
    const options = {
        target: "ES2022",
        strict: true,
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
        strictPropertyInitialization: false,
        skipLibCheck: true,
        rootDir: "src",
        outDir: "dist",
        types: ["node"],
        ...compilerOptions,
    };
    return `${JSON.stringify({ compilerOptions: options, include: ["src"] }, null, 2)}\n`;
}
