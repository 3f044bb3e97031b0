import Module from "node:module";
import { appendFileSync } from "node:fs";

// Preloaded with `node -r`: records every module path the process loads into $TRACE_REQUIRES_FILE,
// so a test can prove that `--help` never loads the TypeScript compiler.
const file = process.env.TRACE_REQUIRES_FILE;
const original = (Module as unknown as { _load: (...args: unknown[]) => unknown })._load;
(Module as unknown as { _load: (...args: unknown[]) => unknown })._load = function (request: unknown, ...rest: unknown[]) {
    if (file) appendFileSync(file, `${String(request)}\n`);
    return original.call(this, request, ...rest);
};
