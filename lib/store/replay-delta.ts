import { applyOps, WorkingSchema } from "../diff/apply";
import { InvalidOpError } from "../diff/errors";
import { withTypeormVersion } from "../schema/canonical";
import type { Schema } from "../schema/model";
import type { RevisionDelta } from "./delta-file";
import { SnapshotFormatError } from "./errors";

/**
 * The schema after `delta`, applied to its first parent's schema `state`. An op that does not fit
 * (an object it names is missing, or a field of the wrong shape deep inside) names the file and
 * the op instead of surfacing as a bare TypeError.
 */
export function replayDelta(state: Schema, delta: RevisionDelta, file: string): Schema {
    if (delta.ops.length === 0) return withTypeormVersion(applyOps(state, []), delta.typeormVersion);
    const working = new WorkingSchema(state);
    delta.ops.forEach((op, index) => {
        try {
            working.apply(op);
        } catch (error) {
            if (!(error instanceof TypeError || error instanceof InvalidOpError)) throw error;
            throw new SnapshotFormatError(
                `${file}: op ${index + 1} (${op.kind}) does not apply to the schema of revision ${delta.parents[0] ?? "<base>"}: ${error.message}`,
            );
        }
    });
    return withTypeormVersion(working.finish(), delta.typeormVersion);
}
