import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { DataSource } from "typeorm";
import { planRevision, readSchema, RevisionStore, writeRevision } from "../../lib";

// Run as its own process: node dist/bench/cases/write-migrations.js <postgres.js> <dir> <count>
// Writes <count> small migrations into <dir>, the k-th adding the k-th entity's table (with its
// enum type, indexes, unique and foreign key), then compiles each to .js as a user's build would,
// so TypeORM's migration:run and typeorm-migrate upgrade run the very same files.

async function main(): Promise<void> {
    const [dataSourceFile, dir, countText] = process.argv.slice(2);
    const options = (require(resolve(dataSourceFile)) as { default: DataSource }).default.options;
    const entities = options.entities as unknown[];
    const count = Number(countText);
    if (entities.length < count) throw new Error(`${dataSourceFile} has ${entities.length} entities, fewer than ${count}`);
    const firstTimestamp = 1764000000000;
    for (let k = 1; k <= count; k++) {
        const schema = await readSchema(new DataSource({ ...options, entities: entities.slice(0, k) } as typeof options));
        const planned = planRevision(RevisionStore.open(dir), schema, {
            message: `add table ${k}`,
            bind: "default",
            now: firstTimestamp,
            revisionId: `bench${String(k).padStart(7, "0")}`,
            timestamp: firstTimestamp + k * 1000,
        });
        if (planned === null) throw new Error(`entity ${k} added nothing`);
        writeRevision(dir, planned);
    }
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
        const compiled = ts.transpileModule(readFileSync(join(dir, file), "utf8"), {
            compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
        });
        writeFileSync(join(dir, file.replace(/\.ts$/, ".js")), compiled.outputText);
    }
}

void main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
});
