import "reflect-metadata";
import { DataSource, EntitySchema, getMetadataArgsStorage } from "typeorm";
import { readSchema, readSchemaInPieces } from "../../lib/entities/read-schema";
import type { Schema } from "../../lib/schema/model";
import { UnitCache } from "../../lib/store/unit-cache";
import type { EntityDefinition } from "../../fixtures/entity-class";

export type OfflineDialect = "postgres" | "better-sqlite3" | "mariadb";

/** A data source that is never connected, for reading entities offline. */
export function offlineDataSource(type: OfflineDialect, entities: readonly EntityDefinition[], options: Record<string, unknown> = {}): DataSource {
    const database = type === "better-sqlite3" ? ":memory:" : "unused";
    return new DataSource({ type, database, ...options, entities: [...entities] });
}

/** The same entities read by one whole metadata build, and in pieces of `pieceSize` (null: not cut). */
export async function readBothWays(make: () => DataSource, pieceSize: number): Promise<{ whole: Schema; pieced: Schema | null }> {
    return { whole: await readSchema(make()), pieced: await readSchemaInPieces(make(), {}, pieceSize) };
}

/**
 * The entities read in pieces with `cache` (a file another read may have filled) and then again
 * from it, and what the second read found and built: every unit found, nothing built.
 */
export async function readThroughCache(
    make: () => DataSource,
    pieceSize: number,
    file: string,
): Promise<{ first: Schema | null; again: Schema | null; found: number; added: number }> {
    const first = await readSchemaInPieces(make(), {}, pieceSize, 1, UnitCache.atFile(file));
    const cache = UnitCache.atFile(file);
    const again = await readSchemaInPieces(make(), {}, pieceSize, 1, cache);
    return { first, again, ...cache.counts };
}

/** Whether a view's query is a function of the data source (a query builder): such sets are never cut. */
export function hasBuiltView(entities: readonly EntityDefinition[]): boolean {
    return entities.some((entity) => {
        const expression =
            entity instanceof EntitySchema ? entity.options.expression : getMetadataArgsStorage().tables.find((t) => t.target === entity)?.expression;
        return typeof expression === "function";
    });
}
