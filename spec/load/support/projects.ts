import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { repoRoot } from "../../support/run-cli";

/** Files of a project, by path relative to its root. */
export type ProjectFiles = Readonly<Record<string, string>>;

/**
 * Writes a user's project into a new temporary folder. Its node_modules links the typeorm this tool
 * loads, this repository's drivers (and TypeScript unless `typescript` names another install, or null for none).
 */
export function writeProject(files: ProjectFiles, options: { typescript?: string | null } = {}): string {
    const root = mkdtempSync(join(tmpdir(), "tm-load-"));
    for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
    }
    mkdirSync(join(root, "node_modules"));
    const typescript = options.typescript === undefined ? join(repoRoot, "node_modules", "typescript") : options.typescript;
    mkdirSync(join(root, "node_modules", "@types"));
    // The TypeORM copy this tool loads (the 0.3 test run points it elsewhere), so the project's own imports get the same one.
    symlinkSync(dirname(require.resolve("typeorm")), join(root, "node_modules", "typeorm"), "dir");
    for (const name of ["reflect-metadata", "better-sqlite3", "@types/node"])
        symlinkSync(join(repoRoot, "node_modules", name), join(root, "node_modules", name), "dir");
    if (typescript !== null) symlinkSync(typescript, join(root, "node_modules", "typescript"), "dir");
    return root;
}

const tsconfigCommonJs = `{
    // A typical TypeORM CommonJS project, with a paths alias.
    "compilerOptions": {
        "target": "ES2022",
        "module": "commonjs",
        "strict": true,
        "skipLibCheck": true,
        "types": ["node"],
        "strictPropertyInitialization": false,
        "experimentalDecorators": true,
        "emitDecoratorMetadata": true,
        "baseUrl": ".",
        "paths": { "@/*": ["src/*"] },
    },
    "include": ["src"],
}
`;

const tsconfigNodeNext = `{
    "compilerOptions": {
        "target": "ES2022",
        "module": "NodeNext",
        "moduleResolution": "NodeNext",
        "strict": true,
        "skipLibCheck": true,
        "types": ["node"],
        "strictPropertyInitialization": false,
        "experimentalDecorators": true,
        "emitDecoratorMetadata": true,
        "rootDir": ".",
        "outDir": "dist",
        "paths": { "@entity/*": ["./src/entity/*"] }
    },
    "include": ["src", "typeorm-migrate.config.ts"]
}
`;

const statusAlias = `export type Status = "draft" | "published";\n`;

const postEntity = (importStatus: string, importAuthor: string) => `import { Column, Entity, ManyToOne, PrimaryGeneratedColumn, type Relation } from "typeorm";
${importStatus}
${importAuthor}

@Entity()
export class Post {
    @PrimaryGeneratedColumn()
    id: number;

    @Column()
    title: string;

    /** A union alias from another file: transpiled alone, its type reflects as Object. */
    @Column()
    state: Status;

    @ManyToOne(() => Author)
    author: Relation<Author>;
}
`;

const authorEntity = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity()
export class Author {
    @PrimaryGeneratedColumn()
    id: number;

    @Column()
    name: string;
}
`;

/** CommonJS, entities imported through a tsconfig `paths` alias, a union-alias column. */
export const commonJsProject: ProjectFiles = {
    "package.json": `{ "name": "cjs-app", "private": true }\n`,
    "tsconfig.json": tsconfigCommonJs,
    "src/entity/status.ts": statusAlias,
    "src/entity/author.entity.ts": authorEntity,
    "src/entity/post.entity.ts": postEntity(`import { Status } from "./status";`, `import { Author } from "@/entity/author.entity";`),
    "src/data-source.ts": `import { DataSource } from "typeorm";
import { Post } from "@/entity/post.entity";
import { Author } from "@/entity/author.entity";

export default new DataSource({ type: "better-sqlite3", database: process.env.APP_DB ?? ":memory:", entities: [Post, Author] });
`,
};

/** An ES module project (NodeNext): `./x.js` imports of `.ts` files, a paths alias, entities by glob. */
export const esmProject: ProjectFiles = {
    "package.json": `{ "name": "esm-app", "private": true, "type": "module" }\n`,
    "tsconfig.json": tsconfigNodeNext,
    "src/entity/status.ts": statusAlias,
    "src/entity/author.ts": authorEntity,
    "src/entity/post.ts": postEntity(`import type { Status } from "./status.js";`, `import { Author } from "@entity/author.js";`),
    "src/data-source.ts": `import { DataSource } from "typeorm";
import { fileURLToPath } from "node:url";

export const dataSource = new DataSource({
    type: "better-sqlite3",
    database: process.env.APP_DB ?? ":memory:",
    entities: [fileURLToPath(new URL("./entity/*.ts", import.meta.url))],
});
`,
    "typeorm-migrate.config.ts": `const config = { binds: { default: "src/data-source.ts" } };
export default config;
`,
};
