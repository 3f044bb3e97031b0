import Module from "node:module";
import { join } from "node:path";
import { repoRoot } from "./run-cli";

/**
 * Preloaded (`--require`) for the test run against TypeORM 0.3: every `typeorm` and `typeorm/...`
 * request, from our lib, the fixtures and the CLI processes the specs start, resolves to the copy in
 * compat/typeorm-0.3 instead of the project's TypeORM 1.x. The drivers still come from the project.
 */
const typeorm03Root = join(repoRoot, "compat", "typeorm-0.3");

type Resolve = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const resolve = loader._resolveFilename;

loader._resolveFilename = function (request, parent, isMain, options) {
    if (request === "typeorm" || request.startsWith("typeorm/")) return resolve.call(this, request, parent, isMain, { paths: [typeorm03Root] });
    return resolve.call(this, request, parent, isMain, options);
};

// The CLI processes the specs start inherit the environment: they preload this file too.
const preload = `--require ${JSON.stringify(__filename)}`;
if (!(process.env.NODE_OPTIONS ?? "").includes(preload)) process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} ${preload}`.trim();
