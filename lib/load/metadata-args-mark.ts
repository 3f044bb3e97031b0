import { getMetadataArgsStorage } from "typeorm";

/** Where TypeORM's decorator registry stood: so a load can be undone, and what it added read. */
export interface MetadataArgsMark {
    /** Columns declared since the mark whose type came from `design:type` as `Object`, as `Class.property`. */
    columnsReflectedAsObject(): string[];
    /** Forgets every decorator call since the mark (the classes they named are being loaded again). */
    rollback(): void;
}

export function markMetadataArgs(): MetadataArgsMark {
    const storage = getMetadataArgsStorage() as unknown as Record<string, unknown>;
    const lengths = new Map(Object.entries(storage).flatMap(([key, value]) => (Array.isArray(value) ? [[key, value.length] as const] : [])));
    return {
        columnsReflectedAsObject() {
            const columns = getMetadataArgsStorage().columns.slice(lengths.get("columns") ?? 0);
            return columns
                .filter((column) => (column.options.type as unknown) === Object)
                .map((column) => `${typeof column.target === "function" ? column.target.name : String(column.target)}.${column.propertyName}`);
        },
        rollback() {
            for (const [key, length] of lengths) (storage[key] as unknown[]).length = length;
        },
    };
}
