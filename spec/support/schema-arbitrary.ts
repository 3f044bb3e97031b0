import fc from "fast-check";
import type { Check, Column, EnumType, ForeignKey, Index, PrimaryKey, Schema, Table, Unique } from "../../lib/schema/model";
import { canonicalize } from "../../lib/schema/canonical";
import { emptySchema } from "../../lib/schema/model";
import * as model from "./model-builders";

const tableNames = ["user", "post", "comment", "tag", "like"];
const columnNames = ["id", "name", "title", "body", "status", "score", "created"];

const baseColumn = (table: string, name: string, fields: Partial<Column> = {}): Column =>
    model.column({ schema: "public", table, name, type: "integer", ...fields });

const columnVariant = fc.record({
    type: fc.constantFrom("integer", "character varying", "text", "numeric", "enum"),
    length: fc.constantFrom("", "100", "255"),
    nullable: fc.boolean(),
    default: fc.constantFrom(null, "0", "'x'", "now()"),
    comment: fc.constantFrom(null, "a comment", "it's */ quoted"),
});

const tableSpec = fc.record({
    columns: fc.subarray(columnNames.slice(1), { minLength: 1 }),
    variants: fc.array(columnVariant, { minLength: columnNames.length, maxLength: columnNames.length }),
    comment: fc.constantFrom(null, "table comment"),
    indexed: fc.subarray(columnNames.slice(1)),
    uniqueOn: fc.option(fc.constantFrom(...columnNames.slice(1)), { nil: null }),
    checked: fc.boolean(),
    references: fc.option(fc.constantFrom(...tableNames), { nil: null }),
});

/** Random but valid schemas over a small pool of names, so that two draws overlap and differ. */
export const schemaArbitrary: fc.Arbitrary<Schema> = fc
    .record({
        tables: fc.subarray(tableNames),
        specs: fc.array(tableSpec, { minLength: tableNames.length, maxLength: tableNames.length }),
        enumValues: fc.constantFrom(["a", "b"], ["a", "b", "c"], ["b", "a"], ["a", "c"]),
        extensions: fc.subarray(["uuid-ossp", "citext"]),
    })
    .map(({ tables, specs, enumValues, extensions }) => buildSchema(tables, specs, [...enumValues], extensions));

type TableSpec = typeof tableSpec extends fc.Arbitrary<infer T> ? T : never;

function buildSchema(tables: string[], specs: TableSpec[], enumValues: string[], extensions: string[]): Schema {
    const out = {
        tables: [] as Table[],
        columns: [] as Column[],
        primaryKeys: [] as PrimaryKey[],
        indexes: [] as Index[],
        uniques: [] as Unique[],
        checks: [] as Check[],
        foreignKeys: [] as ForeignKey[],
        enums: [] as EnumType[],
    };
    tables.forEach((table, t) => {
        const spec = specs[t];
        out.tables.push(model.table({ schema: "public", table, comment: spec.comment }));
        out.columns.push(baseColumn(table, "id", { generated: "increment", primary: true }));
        spec.columns.forEach((name, c) => {
            const v = spec.variants[c];
            const isEnum = v.type === "enum";
            out.columns.push(
                baseColumn(table, name, {
                    type: v.type,
                    length: v.type === "character varying" ? v.length || "255" : "",
                    nullable: v.nullable,
                    default: isEnum ? null : v.default,
                    comment: v.comment,
                    enum: isEnum ? enumValues : null,
                    enumName: isEnum ? "shared_enum" : null,
                }),
            );
            if (isEnum && out.enums.length === 0) out.enums.push({ schema: "public", name: "shared_enum", values: enumValues });
        });
        out.primaryKeys.push({ schema: "public", table, name: `PK_${table}`, columns: ["id"] });
        for (const name of spec.indexed.filter((n) => spec.columns.includes(n))) {
            out.indexes.push(model.index({ schema: "public", table, name: `IDX_${table}_${name}`, columns: [name] }));
        }
        if (spec.uniqueOn && spec.columns.includes(spec.uniqueOn)) {
            out.uniques.push({ schema: "public", table, name: `UQ_${table}`, columns: [spec.uniqueOn], deferrable: null });
        }
        if (spec.checked) out.checks.push({ schema: "public", table, name: `CHK_${table}`, expression: `"id" > 0` });
        if (spec.references && tables.includes(spec.references)) {
            out.columns.push(baseColumn(table, "refId", { nullable: true }));
            out.foreignKeys.push({
                schema: "public",
                table,
                name: `FK_${table}_${spec.references}`,
                columns: ["refId"],
                referencedSchema: "public",
                referencedTable: spec.references,
                referencedColumns: ["id"],
                onDelete: "CASCADE",
                onUpdate: "NO ACTION",
                deferrable: null,
            });
        }
    });
    return canonicalize({ ...emptySchema("postgres", "public", "1.1.1"), ...out, extensions });
}

/** Equal up to the physical order of columns (which migrations may change by appending). */
export function sameSchema(a: Schema, b: Schema): boolean {
    const normal = (s: Schema) => JSON.stringify({ ...canonicalize(s), columns: [...s.columns].map((c) => JSON.stringify(c)).sort() });
    return normal(a) === normal(b);
}
