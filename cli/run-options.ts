import type { TransactionMode } from "../lib/runner/runner";

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
    return args.lockTimeout === undefined ? undefined : args.lockTimeout * 1000;
}
