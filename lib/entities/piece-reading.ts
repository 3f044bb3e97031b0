// Its own module so that a process timing TypeORM's build alone (bench/cases/generate-stages.ts)
// builds it as `readSchema` does without loading the reader.

/**
 * From this many entities, `readSchema` on a data source without metadata has TypeORM build them
 * `pieceSize` at a time (`readSchemaInPieces`): whole, 10,000 entities' metadata peak at about
 * 370 MB. At 1,000 (the bench's generate, 3 runs each): 146 -> 134 MB peak, 4% less CPU (TypeORM's
 * build compares every entity with every other in places). Settable for tests.
 */
export const pieceReading = { minEntities: 500, pieceSize: 250 };
