import type { InDoubtOutcome, RunOptions, TransactionMode } from "../lib/index";
import { CliError, ExitCode } from "./exit-codes";

/** Options of the commands that apply, revert or stamp: how to take the lock and wrap transactions. */
export interface RunArgs {
    readonly transaction: TransactionMode;
    readonly lockTimeout?: number;
    readonly statementLockTimeout?: number;
    readonly statementLockRetries?: number;
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
    "statement-lock-timeout": {
        type: "number",
        describe:
            "PostgreSQL, migrations that run without a transaction (as --online ones do): milliseconds a statement waits for a table lock (lock_timeout) before it is sent again later, so the application is not queued behind it for long",
    },
    "statement-lock-retries": {
        type: "number",
        describe: "With --statement-lock-timeout: how many times a statement that timed out is sent again, after 200 ms, doubling up to 5 s (default: 5)",
    },
} as const;

export function lockTimeoutMs(args: Pick<RunArgs, "lockTimeout">): number | undefined {
    if (args.lockTimeout === undefined) return undefined;
    if (!Number.isFinite(args.lockTimeout) || args.lockTimeout < 0) {
        throw new CliError(`--lock-timeout ${String(args.lockTimeout)}: give a number of seconds, 0 or more`, ExitCode.badInput);
    }
    return args.lockTimeout * 1000;
}

/** The run options `--statement-lock-timeout` and `--statement-lock-retries` ask for. */
export function statementLockOptions(args: Pick<RunArgs, "statementLockTimeout" | "statementLockRetries">): {
    statementLockTimeoutMs?: number;
    statementLockRetries?: number;
} {
    const { statementLockTimeout: ms, statementLockRetries: retries } = args;
    if (ms === undefined) {
        if (retries !== undefined) throw new CliError("--statement-lock-retries needs --statement-lock-timeout", ExitCode.badInput);
        return {};
    }
    if (!Number.isFinite(ms) || ms < 1)
        throw new CliError(`--statement-lock-timeout ${String(ms)}: give a number of milliseconds, 1 or more`, ExitCode.badInput);
    if (retries !== undefined && (!Number.isInteger(retries) || retries < 0)) {
        throw new CliError(`--statement-lock-retries ${String(retries)}: give a whole number, 0 or more`, ExitCode.badInput);
    }
    return { statementLockTimeoutMs: ms, ...(retries === undefined ? {} : { statementLockRetries: retries }) };
}

/** What `upgrade` and `downgrade` ask of the runner, from their options. */
export function applyOptions(args: RunArgs & { readonly resume: boolean; readonly inDoubt?: InDoubtOutcome }): RunOptions {
    return {
        resume: args.resume,
        inDoubt: args.inDoubt,
        transaction: args.transaction,
        lockTimeoutMs: lockTimeoutMs(args),
        ...statementLockOptions(args),
    };
}
