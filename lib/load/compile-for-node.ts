import type { ModuleFormat } from "./module-format";
import { requireTypeScript } from "./typescript-compiler";

let typeAware = false;

/**
 * From now on every TypeScript file of this thread is emitted with type information: transpiling
 * file by file lost a column's type (an imported union alias reflects as `Object`).
 */
export function useTypeAwareEmit(): void {
    typeAware = true;
}

export function isTypeAwareEmit(): boolean {
    return typeAware;
}

/** A user's TypeScript file as JavaScript Node runs in `format`. */
export function compileForNode(file: string, format: ModuleFormat): string {
    const compiler = requireTypeScript(file, "file");
    return compiler.compile(file, format, typeAware || !compiler.hasFastPath);
}
