import { register } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { MessageChannel, type MessagePort } from "node:worker_threads";

let port: MessagePort | undefined;

/** Registers esm-hooks.ts (off-thread, as `module.register` runs hooks on Node 20) once per process. */
export function registerEsmHooks(): void {
    if (port !== undefined) return;
    const channel = new MessageChannel();
    register(pathToFileURL(join(__dirname, "esm-hooks.js")).href, { data: { port: channel.port2 }, transferList: [channel.port2] });
    port = channel.port1;
    port.unref();
}

/** Tells the hooks thread to emit with types from now on, and waits until it has heard. */
export async function useTypeAwareEmitInEsmHooks(): Promise<void> {
    const hooks = port;
    if (hooks === undefined) return;
    hooks.ref();
    try {
        await new Promise((heard) => {
            hooks.once("message", heard);
            hooks.postMessage("type-aware");
        });
    } finally {
        hooks.unref();
    }
}
