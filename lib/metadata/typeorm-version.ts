import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

let cached: string | undefined;

/** The installed TypeORM's version: constraint-name hashing differs between releases. */
export function typeormVersion(): string {
    // typeorm's `exports` map hides package.json, so find it beside the entry point.
    cached ??= (JSON.parse(readFileSync(join(dirname(require.resolve("typeorm")), "package.json"), "utf8")) as { version: string }).version;
    return cached;
}
