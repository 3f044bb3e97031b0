import type { TransactionMode } from "../lib/index";
import { CliError, ExitCode } from "./exit-codes";

/** Options of the commands that apply, revert or stamp: how to take the lock and wrap transactions. */
export interface RunArgs {
    readonly transaction: TransactionMode;
    readonly lockTimeout?: number;
}

export const runOptions = {
    transaction: {
        choices: ["all", "each", "none"] as const,
        default: "each" as const,
        describe: "One transaction for the whole run, one per migration (a migration with transaction = false runs outside), or none",
    },
    "lock-timeout": {
        type: "number",
        describe: "Seconds to wait for another deployer's lock before giving up (default: wait)",
    },
} as const;

export function lockTimeoutMs(args: Pick<RunArgs, "lockTimeout">): number | undefined {
    if (args.lockTimeout === undefined) return undefined;
    if (!Number.isFinite(args.lockTimeout) || args.lockTimeout < 0) {
        throw new CliError(`--lock-timeout ${String(args.lockTimeout)}: give a number of seconds, 0 or more`, ExitCode.badInput);
    }
    return args.lockTimeout * 1000;
}
