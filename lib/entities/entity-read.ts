import type { EnumType, MemberRef } from "../schema/model";
import { emptyEntryLists } from "../schema/model";
import { schemaListKinds, type SchemaLists } from "./shared-tables";

/**
 * What one entity adds to the schema, before the entities' parts are put together (shared tables
 * merged, enum types declared once): plain data, so that it can be kept between runs.
 */
export interface EntityRead extends SchemaLists {
    /** The entity's name (a conflict names the entities involved). */
    readonly entity: string;
    /** The enum types its columns name, in column order (values empty where a column names a type declared elsewhere). */
    readonly enums: EnumType[];
    /** Indexes declared with `synchronize: false` (TypeORM's Table.create leaves them out). */
    readonly unmanagedIndexes: MemberRef[];
}

export function emptyEntityRead(entity: string): EntityRead {
    return { entity, ...emptyEntryLists(), enums: [], unmanagedIndexes: [] };
}

/** An EntityRead as a kept file gave it back (its shape checked, not its content: the key vouches for that). */
export function isEntityRead(value: unknown): value is EntityRead {
    if (typeof value !== "object" || value === null) return false;
    const read = value as Record<string, unknown>;
    return typeof read.entity === "string" && [...schemaListKinds, "enums", "unmanagedIndexes"].every((kind) => Array.isArray(read[kind]));
}
