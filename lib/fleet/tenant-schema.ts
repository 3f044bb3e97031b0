import type { Schema } from "../schema/model";

/** Every list of a schema whose entries live in a schema (each has `schema`), by name. */
type Placed = Pick<
    Schema,
    "enums" | "tables" | "columns" | "primaryKeys" | "indexes" | "uniques" | "foreignKeys" | "checks" | "exclusions" | "views" | "metadataRows"
>;

/**
 * The schema with each placed list mapped by `entry` (null: left out) and each foreign key's
 * referenced schema by `referenced`: the one list of placed lists both directions use.
 */
function mapPlaced(
    schema: Schema,
    entry: <T extends { readonly schema: string }>(item: T) => T | null,
    referenced: (name: string) => string,
): Placed & Pick<Schema, "unmanagedIndexes"> {
    const map = <T extends { readonly schema: string }>(items: readonly T[]): T[] => items.flatMap((item) => entry(item) ?? []);
    const placed: Placed = {
        enums: map(schema.enums),
        tables: map(schema.tables),
        columns: map(schema.columns),
        primaryKeys: map(schema.primaryKeys),
        indexes: map(schema.indexes),
        uniques: map(schema.uniques),
        foreignKeys: map(schema.foreignKeys).map((fk) => ({ ...fk, referencedSchema: referenced(fk.referencedSchema) })),
        checks: map(schema.checks),
        exclusions: map(schema.exclusions),
        views: map(schema.views),
        metadataRows: map(schema.metadataRows),
    };
    return schema.unmanagedIndexes === undefined ? placed : { ...placed, unmanagedIndexes: map(schema.unmanagedIndexes) };
}

/**
 * One tenant's part of a schema with the tenant's schema name taken out: objects in `tenantSchema`
 * get the schema `""` (written unqualified), objects in other schemas (the other tenants') are left
 * out. A bind whose targets are schemas is generated from and compared in this form, so that one
 * chain of migrations runs in whichever schema `search_path` names first.
 */
export function inTenantSchema(schema: Schema, tenantSchema: string): Schema {
    const own = <T extends { readonly schema: string }>(item: T): T | null => (item.schema === tenantSchema ? { ...item, schema: "" } : null);
    return {
        ...schema,
        defaultSchema: "",
        schemas: [],
        ...mapPlaced(schema, own, (name) => (name === tenantSchema ? "" : name)),
    };
}

/** The inverse of `inTenantSchema`: a tenant-relative schema's objects placed in `tenantSchema`, to be compared with what a database holds there. */
export function placedInSchema(schema: Schema, tenantSchema: string): Schema {
    const place = <T extends { readonly schema: string }>(item: T): T => (item.schema === "" ? { ...item, schema: tenantSchema } : item);
    return {
        ...schema,
        defaultSchema: tenantSchema,
        ...mapPlaced(schema, place, (name) => (name === "" ? tenantSchema : name)),
    };
}
