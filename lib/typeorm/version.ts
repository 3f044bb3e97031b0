import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { UnsupportedTypeormVersionError } from "./errors";

/** The TypeORM majors whose internals this folder knows. */
export type TypeormMajor = "0.3" | "1";

/** The oldest 0.3 release known here: from 0.3.20 synchronize() writes entity (table) comments on PostgreSQL too, as the schema model does. */
export const oldest03 = "0.3.20";

let cached: { readonly version: string; readonly file: string } | undefined;

/** The version of the TypeORM copy this tool loads: the application's (a peer dependency). */
export function typeormVersion(): string {
    return installed().version;
}

/** Where that copy is installed, for messages. */
export function typeormLocation(): string {
    return dirname(installed().file);
}

/**
 * The major version of the TypeORM copy in use; throws `UnsupportedTypeormVersionError` for a release
 * whose internals are not known here (0.2.x, 0.3 before the oldest supported, 2.x, ...).
 */
export function typeormMajor(): TypeormMajor {
    // Asked once per column by the reader: the installed copy does not change within a process.
    major ??= majorOf(typeormVersion());
    return major;
}

let major: TypeormMajor | undefined;

export function majorOf(version: string): TypeormMajor {
    const [major, minor, patch] = version.split(/[.-]/).map((part) => Number.parseInt(part, 10));
    if (major === 1) return "1";
    if (major === 0 && minor === 3 && patch >= Number(oldest03.split(".")[2])) return "0.3";
    throw new UnsupportedTypeormVersionError(`TypeORM ${version} is not supported (typeorm-migrate works with TypeORM ${oldest03} or later 0.3.x, and 1.x)`);
}

function installed(): { version: string; file: string } {
    if (!cached) {
        // typeorm's `exports` map hides package.json, so find it beside the entry point this process loads.
        const entry = require.resolve("typeorm");
        const file = join(dirname(entry), "package.json");
        cached = { version: (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version, file };
    }
    return cached;
}
