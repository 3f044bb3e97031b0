/** The library, loaded on first use so that `--help` does not load TypeORM. */
export function lib(): typeof import("../lib/index") {
    return require("../lib/index") as typeof import("../lib/index");
}
