/** `--json`, for scripts. */
export const jsonOption = { type: "boolean", default: false, describe: "Print one JSON document instead of text" } as const;

/** The JSON document of a per-bind command: `{ "binds": [{ "bind": name, ...facts }] }`. */
export function printBindsJson(binds: readonly ({ readonly bind: string } & Record<string, unknown>)[]): void {
    process.stdout.write(`${JSON.stringify({ binds }, null, 2)}\n`);
}
