import { readFileSync } from "node:fs";
import { join } from "node:path";
import { availableParallelism, cpus, totalmem } from "node:os";
import type { Machine } from "./report/results";
import { serverVersion } from "./servers";

export async function describeMachine(): Promise<Machine> {
    const servers: string[] = [];
    for (const kind of ["postgres", "mariadb"] as const) {
        servers.push(await serverVersion(kind).catch((error: unknown) => `${kind} unreachable (${(error as Error).message})`));
    }
    return {
        cpus: cpus()[0]?.model ?? "unknown CPU",
        nproc: availableParallelism(),
        memoryGb: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        typeorm: (JSON.parse(readFileSync(join(require.resolve("typeorm"), "..", "package.json"), "utf8")) as { version: string }).version,
        servers,
    };
}
