import Module from "node:module";

// Preloaded with `node -r`: the packages named in $FORBID_PACKAGES (comma-separated) cannot be
// loaded, as in an image that lacks them (a database driver, the TypeScript compiler).
const forbidden = new Set((process.env.FORBID_PACKAGES ?? "").split(",").filter((name) => name !== ""));
const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const original = loader._load;
loader._load = function (request: string, ...rest: unknown[]) {
    if (forbidden.has(request)) throw Object.assign(new Error(`Cannot find module '${request}'`), { code: "MODULE_NOT_FOUND" });
    return original.call(this, request, ...rest);
};
