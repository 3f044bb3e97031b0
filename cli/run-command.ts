import type { CommonArgs } from "./context";
import { reportError } from "./report-error";

/**
 * Wraps a command handler: its return value (an exit code) or its error becomes the process's
 * exit code; errors print as one line.
 */
export function runCommand<A extends CommonArgs>(handler: (args: A) => Promise<number | void>): (args: A) => Promise<void> {
    return async (args) => {
        try {
            process.exitCode = (await handler(args)) ?? 0;
        } catch (error) {
            process.exitCode = reportError(error, args.verbose);
        }
    };
}
