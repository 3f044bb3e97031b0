import type { ColumnRow } from "./catalog-sql";

export interface PostgresColumnType {
    readonly type: string;
    readonly length: string;
    readonly precision: number | null;
    readonly scale: number | null;
    readonly enumName: string | null;
    readonly spatialFeatureType: string | null;
    readonly srid: number | null;
}

// Types whose modifier is a length: character types store length + 4 (VARHDRSZ), bit types and
// pgvector's types the length itself.
const VARHDR_LENGTH_TYPES = new Set(["character varying", "character"]);
const PLAIN_LENGTH_TYPES = new Set(["bit", "bit varying", "vector", "halfvec"]);
const TIME_TYPES = new Set(["time without time zone", "time with time zone", "timestamp without time zone", "timestamp with time zone", "interval"]);
const SPATIAL_TYPES = new Set(["geometry", "geography"]);

/**
 * The column's type as TypeORM's PostgresDriver.normalizeType names it. PostgreSQL's own
 * canonical names (`format_type`) are the ones TypeORM normalizes to, for built-in types; a type
 * of an extension (citext, hstore, ltree, geometry, vector) is named without its schema; an enum
 * column's type is `enum`, with the enum type's name beside it.
 */
export function columnType(row: ColumnRow): PostgresColumnType {
    const typmod = Number(row.typmod);
    const modifier = typmod === -1 ? null : typmod;
    if (row.typeKind === "e") return { ...plain("enum"), enumName: String(row.typeName) };
    const type = row.typeSchema === "pg_catalog" ? builtinType(String(row.baseType)) : String(row.typeName);
    if (VARHDR_LENGTH_TYPES.has(type)) return { ...plain(type), length: modifier === null ? "" : String(modifier - 4) };
    if (PLAIN_LENGTH_TYPES.has(type)) return { ...plain(type), length: modifier === null ? "" : String(modifier) };
    if (TIME_TYPES.has(type)) return { ...plain(type), precision: timePrecision(type, modifier) };
    if (type === "numeric") return { ...plain(type), ...numericPrecision(modifier) };
    if (SPATIAL_TYPES.has(type)) return { ...plain(type), ...spatialModifiers(String(row.fullType)) };
    return plain(type);
}

// format_type spells a character column without a length by its internal name.
function builtinType(name: string): string {
    return name === "bpchar" ? "character" : name;
}

function plain(type: string): PostgresColumnType {
    return { type, length: "", precision: null, scale: null, enumName: null, spatialFeatureType: null, srid: null };
}

// interval keeps its field restriction in the high bits; only the low 16 hold the precision,
// 0xFFFF meaning none.
function timePrecision(type: string, modifier: number | null): number | null {
    if (modifier === null) return null;
    const precision = type === "interval" ? modifier & 0xffff : modifier;
    return precision === 0xffff ? null : precision;
}

/**
 * `numeric(p)` is stored as `numeric(p,0)`: a scale of 0 reads as none, the spelling TypeORM
 * writes for `{ precision: p }` (a reference that says `scale: 0` is adopted, see reference.ts).
 */
function numericPrecision(modifier: number | null): { precision: number | null; scale: number | null } {
    if (modifier === null) return { precision: null, scale: null };
    const precision = ((modifier - 4) >> 16) & 0xffff;
    const scale = (modifier - 4) & 0xffff;
    return { precision, scale: scale === 0 ? null : scale };
}

/** PostGIS spells its modifiers in `format_type`: `geometry(Point,4326)`, `geography(LineString)`. */
function spatialModifiers(fullType: string): { spatialFeatureType: string | null; srid: number | null } {
    const match = /\((\w+)(?:,\s*(\d+))?\)$/.exec(fullType);
    if (match === null) return { spatialFeatureType: null, srid: null };
    return { spatialFeatureType: match[1], srid: match[2] === undefined ? null : Number(match[2]) };
}
