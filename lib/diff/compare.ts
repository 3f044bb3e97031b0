import type { Column, EnumType, Table } from "../schema/model";
import { deepEqual } from "../schema/equal";
import type { Risk } from "./ops";
import { narrowings } from "./narrowing";

/** Column attributes that describe the stored value; changing one rewrites the column's data. */
const typeAttributes = ["type", "length", "precision", "scale", "array", "enumName", "unsigned", "charset", "spatialFeatureType", "srid"] as const;

const comparedAttributes = [
    ...typeAttributes,
    "nullable",
    "default",
    "generated",
    "identity",
    "asExpression",
    "generatedType",
    "enum",
    "comment",
    "collation",
    "onUpdate",
    "primary",
] as const satisfies readonly (keyof Column)[];

/** `attribute: before → after` for each attribute that differs; empty when the columns are the same. */
export function columnChanges(before: Column, after: Column): string[] {
    if (sameCompared(before, after)) return [];
    return comparedAttributes
        .filter((attribute) => !deepEqual(before[attribute], after[attribute]))
        .map((attribute) => `${attribute}: ${show(attribute, before[attribute])} → ${show(attribute, after[attribute])}`);
}

/**
 * Whether no compared attribute differs: `comparedAttributes` spelled out, since the differ asks
 * this of every column of both schemas (named loads are several times faster than a loop of
 * keyed ones). A value that is not an object compares by ===, as deepEqual does.
 */
function sameCompared(a: Column, b: Column): boolean {
    return (
        a.type === b.type &&
        a.length === b.length &&
        a.precision === b.precision &&
        a.scale === b.scale &&
        a.array === b.array &&
        a.enumName === b.enumName &&
        a.unsigned === b.unsigned &&
        a.charset === b.charset &&
        a.spatialFeatureType === b.spatialFeatureType &&
        a.srid === b.srid &&
        a.nullable === b.nullable &&
        a.default === b.default &&
        a.generated === b.generated &&
        a.identity === b.identity &&
        a.asExpression === b.asExpression &&
        a.generatedType === b.generatedType &&
        a.comment === b.comment &&
        a.collation === b.collation &&
        a.onUpdate === b.onUpdate &&
        a.primary === b.primary &&
        deepEqual(a.enum, b.enum)
    );
}

const tableAttributes = ["comment", "engine", "withoutRowid", "charset", "collation"] as const satisfies readonly (keyof Table)[];

/** `attribute: before → after` for each of the table's own attributes that differs (an absent one is none). */
export function tableChanges(before: Table, after: Table): string[] {
    return tableAttributes
        .filter((attribute) => (before[attribute] ?? null) !== (after[attribute] ?? null))
        .map((attribute) => `${attribute}: ${String(before[attribute] ?? "none")} → ${String(after[attribute] ?? "none")}`);
}

/** Every attribute `columnChanges` compares (for the test that `sameCompared` names each). */
export const columnAttributesCompared: readonly (keyof Column)[] = comparedAttributes;

/** The column's stored representation changes (foreign keys using it must be dropped and re-added). */
export function changesStoredType(before: Column, after: Column): boolean {
    return typeAttributes.some((attribute) => !deepEqual(before[attribute], after[attribute])) || !deepEqual(before.enum, after.enum);
}

export function alterColumnRisk(before: Column, after: Column): Risk {
    if (
        narrowings(before, after).length > 0 ||
        narrows(before.length, after.length) ||
        narrows(before.precision, after.precision) ||
        narrows(before.scale, after.scale)
    ) {
        return "destructive";
    }
    if (before.type !== after.type || (before.nullable && !after.nullable) || before.array !== after.array) return "data-dependent";
    return "safe";
}

/** Enum values only appended or inserted, none removed or reordered: `ALTER TYPE ... ADD VALUE` suffices. */
export function onlyAddsValues(before: EnumType, after: EnumType): boolean {
    const kept = after.values.filter((value) => before.values.includes(value));
    return kept.length === before.values.length && kept.every((value, i) => value === before.values[i]);
}

/** An explicit size made smaller (of any type: bit strings, binary, floats too). */
function narrows(before: string | number | null, after: string | number | null): boolean {
    if (before === null || after === null || before === "" || after === "") return false;
    return Number(after) < Number(before);
}

function show(attribute: keyof Column, value: unknown): string {
    if (value === null) return "none";
    // TypeORM's "no length" is an empty string: for a string type, no limit.
    if (attribute === "length" && value === "") return "unbounded";
    return typeof value === "string" ? value : JSON.stringify(value);
}
