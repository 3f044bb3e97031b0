import type { IncludeObject } from "../schema/filter";
import type { Schema } from "../schema/model";

export interface IntrospectOptions {
    /**
     * The schema the database is expected to match: the snapshot of the revision it is at, or the
     * entities' schema. Some details are declarations a database does not keep (the spelling of a
     * CHECK or a partial index's predicate, `@PrimaryGeneratedColumn("uuid")` versus a uuid
     * default, a view's `dependsOn`, `onUpdate` outside MySQL); where the database holds exactly
     * what the reference describes, the reference's spelling is reported, so that a database built
     * from a snapshot introspects to that snapshot. Anything the database holds differently is
     * reported as the database has it.
     */
    readonly reference?: Schema;
    /**
     * The objects the caller compares (its `exclude`): what the model cannot hold (an index over an
     * expression) is refused only on an included table. Undefined: everything is.
     */
    readonly include?: IncludeObject;
    /** Only these schemas are read (a fleet's tenant: not every other tenant's too). Undefined: every schema but the system ones. */
    readonly schemas?: readonly string[];
}
