import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { extname } from "node:path";

/**
 * The checksum recorded when a migration is applied: `<ext>:<sha256>` of the file the runner
 * loaded. Compiled JavaScript and its TypeScript source differ byte for byte, so a checksum is
 * only compared with one of the same kind (`sameKind`).
 */
export function fileChecksum(file: string): string {
    return `${extname(file).slice(1)}:${createHash("sha256").update(readFileSync(file)).digest("hex")}`;
}

/** True when both checksums are of the same kind of file, so that comparing them means something. */
export function sameKind(a: string, b: string): boolean {
    return a.slice(0, a.indexOf(":")) === b.slice(0, b.indexOf(":"));
}
