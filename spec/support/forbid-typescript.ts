import Module from "node:module";

// Preloaded with `node -r`: any attempt to load the TypeScript compiler or ts-node fails, as in a
// production image that has neither. Proves compiled migrations run without them.
const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const original = loader._load;
loader._load = function (request: string, ...rest: unknown[]) {
    if (request === "typescript" || request === "ts-node" || request.endsWith("/ts-node") || request.includes("/ts-node/")) {
        throw new Error(`${request} is not installed in this image`);
    }
    return original.call(this, request, ...rest);
};
