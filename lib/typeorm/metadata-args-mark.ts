import { getMetadataArgsStorage } from "typeorm";

/** Where TypeORM's decorator registry stood: so a load can be undone, and what it added read. */
export interface MetadataArgsMark {
    /** Columns declared since the mark whose type came from `design:type` as `Object`, as `Class.property`. */
    columnsReflectedAsObject(): string[];
    /** Forgets every decorator call since the mark (the classes they named are being loaded again). */
    rollback(): void;
}

/**
 * Marks the length of every list in MetadataArgsStorage (0.3 and 1.x keep each decorator's
 * arguments in an array field of their own; newer releases add fields, so all are taken).
 */
export function markMetadataArgs(): MetadataArgsMark {
    const storage = getMetadataArgsStorage();
    const lengths = new Map(arrayFields(storage).map(([key, array]) => [key, array.length]));
    return {
        columnsReflectedAsObject() {
            const columns = storage.columns.slice(lengths.get("columns") ?? 0);
            return columns
                .filter((column) => {
                    // `design:type` gives constructors TypeORM's ColumnType does not list.
                    const type: unknown = column.options.type;
                    return type === Object;
                })
                .map((column) => `${typeof column.target === "function" ? column.target.name : String(column.target)}.${column.propertyName}`);
        },
        rollback() {
            for (const [key, array] of arrayFields(storage)) {
                const length = lengths.get(key);
                if (length !== undefined) array.length = length;
            }
        },
    };
}

function arrayFields(storage: object): [string, unknown[]][] {
    return Object.entries(storage).flatMap(([key, value]: [string, unknown]): [string, unknown[]][] => (Array.isArray(value) ? [[key, value]] : []));
}
