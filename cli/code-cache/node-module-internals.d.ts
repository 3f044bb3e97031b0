// Node's CommonJS `_compile`, which the code cache replaces (the require hook types the loader's
// other pieces in lib/load/node-module-internals.d.ts): undocumented, the same since Node 0.x but
// for `format` (Node 20.19: "module" for an ES module loaded by require).
export {};

declare global {
    namespace NodeJS {
        interface Module {
            /** Runs a module's source as its code; the loader calls it with the text it read. */
            _compile: (this: NodeJS.Module, content: string, filename: string, format?: string) => unknown;
        }
    }
}
