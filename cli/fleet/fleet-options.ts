import type { ResolvedBind } from "../../lib/index";
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

/**
 * `+N` / `-N` (and downgrade's default, one step back) count from where each database is: across a
 * fleet whose targets stand at different revisions, and on a rerun after some moved, they would
 * take each somewhere else. A fleet needs the revision named.
 */
export function requireNamedTarget(binds: readonly ResolvedBind[], target: string | undefined, command: string, url: string | undefined): void {
    const fleets = url === undefined ? binds.filter((bind) => bind.targets !== undefined) : [];
    if (fleets.length === 0 || (target !== undefined && !/^[+-]\d+$/.test(target))) return;
    throw new CliError(
        `${command} ${target ?? ""}`.trimEnd() +
            `: bind "${fleets[0].name}" has targets, and a step count from where each target is would take them to different revisions`,
        ExitCode.badInput,
        `name the revision: ${command} <revision> (head, base, an id)`,
    );
}
