import type { Column } from "../../schema/model";
import { UnsupportedPostgresSchemaError } from "./errors";
import { qualifiedName } from "./quote";
import { featureTypeWord, numberWord, typeWord } from "./sql-words";

/** TypeORM normalizes `simple-enum` to `enum` on PostgreSQL; both name a separate enum type. */
export function isEnumColumn(column: Column): boolean {
    return column.type === "enum" || column.type === "simple-enum";
}

/** The enum type's name: the model's `enumName`, else TypeORM's default `<table>_<column>_enum`. */
export function enumTypeName(column: Column): string {
    return declaredEnumTypeName(column.table, column);
}

/** The enum type's name a column declares (`enumName`), else the one TypeORM gives it: `<table>_<column>_enum`. */
export function declaredEnumTypeName(table: string, column: { readonly name: string; readonly enumName?: string | null }): string {
    return column.enumName ?? `${table}_${column.name.toLowerCase()}_enum`;
}

/** The column's type as it is written in DDL and casts: `character varying(200)`, `"public"."post_status_enum"[]`. */
export function columnTypeSql(column: Column): string {
    const base = isEnumColumn(column) ? qualifiedName(column.schema, enumTypeName(column)) : scalarTypeSql(column);
    return column.array ? `${base}[]` : base;
}

/** The element type of an array column (the whole type otherwise). */
export function elementTypeSql(column: Column): string {
    return columnTypeSql({ ...column, array: false });
}

const TIME_TYPES: Readonly<Record<string, (precision: string) => string>> = {
    "time without time zone": (p) => `time${p}`,
    "time with time zone": (p) => `time${p} with time zone`,
    "timestamp without time zone": (p) => `timestamp${p}`,
    "timestamp with time zone": (p) => `timestamp${p} with time zone`,
};

const SPATIAL_TYPES = new Set(["geometry", "geography"]);
const LENGTH_ONLY_TYPES = new Set(["vector", "halfvec"]);

/** TypeORM's full type (PostgresDriver.createFullType): length, else precision and scale, with the time and PostGIS forms. */
function scalarTypeSql(column: Column): string {
    const type = typeWord(column.type);
    const precision = column.precision === null ? "" : `(${numberWord(column.precision, "precision")})`;
    const timeType = TIME_TYPES[type];
    if (timeType) return timeType(precision);
    if (SPATIAL_TYPES.has(type)) return spatialTypeSql(type, column);
    if (column.length !== "") return `${type}(${numberWord(column.length, "length")})`;
    if (LENGTH_ONLY_TYPES.has(type)) return type;
    if (column.precision !== null && column.scale !== null) return `${type}(${numberWord(column.precision, "precision")},${numberWord(column.scale, "scale")})`;
    return `${type}${precision}`;
}

function spatialTypeSql(type: string, column: Column): string {
    if (column.spatialFeatureType === null) {
        if (column.srid !== null) throw new UnsupportedPostgresSchemaError(`${column.table}.${column.name}: an SRID needs a spatial feature type`);
        return type;
    }
    const srid = column.srid === null ? "" : `,${numberWord(column.srid, "SRID")}`;
    return `${type}(${featureTypeWord(column.spatialFeatureType)}${srid})`;
}
