import { CliError, ExitCode } from "../exit-codes";

/** How a command works through a bind's `targets` (a fleet of databases). */
export interface FleetArgs {
    readonly parallel: number;
    readonly failFast: boolean;
    readonly json: boolean;
}

export const fleetOptions = {
    parallel: {
        type: "number",
        default: 4,
        describe: "For a bind with `targets`: how many targets at once, each on one connection",
    },
    "fail-fast": {
        type: "boolean",
        default: false,
        describe: "For a bind with `targets`: start no more targets once one has failed (those under way finish)",
    },
} as const;

/** `--parallel`, checked: a whole number, 1 or more. */
export function parallelOf(args: FleetArgs): number {
    if (!Number.isInteger(args.parallel) || args.parallel < 1) {
        throw new CliError(`--parallel ${String(args.parallel)}: give a whole number, 1 or more`, ExitCode.badInput);
    }
    return args.parallel;
}
