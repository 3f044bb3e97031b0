// Node's CommonJS loader hooks, which the require hook replaces: undocumented, unchanged since
// Node 0.x, and patched the same way by ts-node and tsx.
export {};

declare module "module" {
    namespace Module {
        /** The loader of each file extension; `.js` and `.json` are Node's own. */
        let _extensions: Record<string, (module: { _compile(code: string, file: string): void }, file: string) => void>;
        /** Resolves a `require` request from `parent` to a file name; throws MODULE_NOT_FOUND. */
        let _resolveFilename: (this: unknown, request: string, parent: { filename?: string | null } | undefined, ...rest: unknown[]) => string;
    }
}
