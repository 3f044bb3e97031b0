import { readdirSync } from "node:fs";
import { join } from "node:path";

/** The folders of TypeORM's test suite this sweep reads; each test's entities are in its `entity` folder. */
const SUITE_FOLDERS = ["functional", "github-issues", "other-issues"];

/**
 * Every folder under `testRoot` (TypeORM's `test` folder) with an `entity` folder of TypeScript
 * files, sorted; MongoDB's tests are left out (no SQL schema).
 */
export function entitySets(testRoot: string): string[] {
    const found: string[] = [];
    const walk = (dir: string) => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
            if (!entry.isDirectory()) continue;
            const path = join(dir, entry.name);
            if (entry.name !== "entity") walk(path);
            else if (readdirSync(path).some((file) => file.endsWith(".ts"))) found.push(dir);
        }
    };
    for (const folder of SUITE_FOLDERS) walk(join(testRoot, folder));
    return found.filter((dir) => !/mongo/i.test(dir)).sort();
}
