import { canonicalize } from "../../lib/schema/canonical";
import { emptySchema, type Column, type Schema } from "../../lib/schema/model";

/** A schema of `tables` realistic tables (8 columns, an index, a unique, a foreign key each), in model form. */
export function syntheticSchema(tables: number): Schema {
    const column = (table: string, name: string, over: Partial<Column>): Column => ({
        schema: "public",
        table,
        name,
        type: "character varying",
        length: "255",
        precision: null,
        scale: null,
        nullable: false,
        default: null,
        generated: null,
        identity: null,
        asExpression: null,
        generatedType: null,
        enum: null,
        enumName: null,
        array: false,
        comment: null,
        collation: null,
        charset: null,
        unsigned: false,
        onUpdate: null,
        spatialFeatureType: null,
        srid: null,
        primary: false,
        ...over,
    });
    const base = emptySchema("postgres", "public", "1.1.1");
    const names = Array.from({ length: tables }, (_, i) => `entity_${String(i).padStart(5, "0")}`);
    return canonicalize({
        ...base,
        tables: names.map((table) => ({ schema: "public", table, comment: null, engine: null, withoutRowid: false })),
        columns: names.flatMap((table) => [
            column(table, "id", { type: "integer", length: "", generated: "increment", primary: true }),
            column(table, "name", {}),
            column(table, "email", {}),
            column(table, "description", { type: "text", length: "", nullable: true }),
            column(table, "price", { type: "numeric", length: "", precision: 10, scale: 2, default: "0" }),
            column(table, "createdAt", { type: "timestamp without time zone", length: "", default: "now()" }),
            column(table, "active", { type: "boolean", length: "", default: "true" }),
            column(table, "parentId", { type: "integer", length: "", nullable: true }),
        ]),
        primaryKeys: names.map((table) => ({ schema: "public", table, name: `PK_${table}`, columns: ["id"] })),
        indexes: names.map((table) => ({
            schema: "public",
            table,
            name: `IDX_${table}_name`,
            columns: ["name"],
            unique: false,
            where: null,
            type: null,
            spatial: false,
            fulltext: false,
            parser: null,
            concurrent: false,
            nullFiltered: false,
        })),
        uniques: names.map((table) => ({ schema: "public", table, name: `UQ_${table}_email`, columns: ["email"], deferrable: null })),
        foreignKeys: names.slice(1).map((table, i) => ({
            schema: "public",
            table,
            name: `FK_${table}_parent`,
            columns: ["parentId"],
            referencedSchema: "public",
            referencedTable: names[i],
            referencedColumns: ["id"],
            onDelete: "CASCADE",
            onUpdate: "NO ACTION",
            deferrable: null,
        })),
    });
}

/** The same schema with one column added to one table. */
export function withOneMoreColumn(schema: Schema): Schema {
    const first = schema.columns[0];
    return canonicalize({
        ...schema,
        columns: [...schema.columns, { ...first, name: "addedLater", type: "integer", nullable: true, primary: false, generated: null }],
    });
}
