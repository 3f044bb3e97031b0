import type { ResolvedBind, RevisionRequestBase } from "../lib/index";

/** What the commands that write a revision (generate, revision, merge) are told about it. */
export interface RevisionArgs {
    readonly message: string;
    readonly revId?: string;
    readonly timestamp?: number;
}

/**
 * The options of a command that writes a revision. As in Flask-Migrate, `-m` may be left out:
 * `defaultMessage` then names the file and class (the timestamp keeps two such names apart).
 */
export function revisionOptions(defaultMessage: string) {
    return {
        message: { alias: "m", type: "string", default: defaultMessage, describe: "What the migration does; names the file and class" },
        "rev-id": { type: "string", describe: "Use this revision id instead of a random one" },
        timestamp: { type: "number", describe: "Use this 13-digit millisecond timestamp in the class name" },
    } as const;
}

export function revisionRequest(args: RevisionArgs, bind: ResolvedBind): RevisionRequestBase {
    return { message: args.message, bind: bind.name, revisionId: args.revId, timestamp: args.timestamp, now: Date.now() };
}
