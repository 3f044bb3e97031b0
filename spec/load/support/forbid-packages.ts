import Module from "node:module";

// Preloaded with `node -r`: the packages named in $FORBID_PACKAGES (comma-separated) can be neither
// resolved nor loaded, as in an image that lacks them (a database driver, the TypeScript compiler).
const forbidden = new Set((process.env.FORBID_PACKAGES ?? "").split(",").filter((name) => name !== ""));
const notFound = (request: string) => Object.assign(new Error(`Cannot find module '${request}'`), { code: "MODULE_NOT_FOUND" });
const loader = Module as unknown as {
    _load: (request: string, ...rest: unknown[]) => unknown;
    _resolveFilename: (request: string, ...rest: unknown[]) => string;
};
const load = loader._load;
loader._load = function (request: string, ...rest: unknown[]) {
    if (forbidden.has(request)) throw notFound(request);
    return load.call(this, request, ...rest);
};
const resolveFilename = loader._resolveFilename;
loader._resolveFilename = function (request: string, ...rest: unknown[]) {
    if (forbidden.has(request)) throw notFound(request);
    return resolveFilename.call(this, request, ...rest);
};
