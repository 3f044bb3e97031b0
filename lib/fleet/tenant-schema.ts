import type { Schema } from "../schema/model";

/**
 * One tenant's part of a schema with the tenant's schema name taken out: objects in `tenantSchema`
 * get the schema `""` (written unqualified), objects in other schemas (the other tenants') are left
 * out. A bind whose targets are schemas is generated from and compared in this form, so that one
 * chain of migrations runs in whichever schema `search_path` names first.
 */
export function inTenantSchema(schema: Schema, tenantSchema: string): Schema {
    const own = <T extends { readonly schema: string }>(items: readonly T[]): T[] =>
        items.filter((item) => item.schema === tenantSchema).map((item) => ({ ...item, schema: "" }));
    const relative = (name: string) => (name === tenantSchema ? "" : name);
    return {
        ...schema,
        defaultSchema: "",
        schemas: [],
        enums: own(schema.enums),
        tables: own(schema.tables),
        columns: own(schema.columns),
        primaryKeys: own(schema.primaryKeys),
        indexes: own(schema.indexes),
        uniques: own(schema.uniques),
        foreignKeys: own(schema.foreignKeys).map((fk) => ({ ...fk, referencedSchema: relative(fk.referencedSchema) })),
        checks: own(schema.checks),
        exclusions: own(schema.exclusions),
        views: own(schema.views),
        metadataRows: own(schema.metadataRows),
        ...(schema.unmanagedIndexes === undefined ? {} : { unmanagedIndexes: own(schema.unmanagedIndexes) }),
    };
}

/** The inverse of `inTenantSchema`: a tenant-relative schema's objects placed in `tenantSchema`, to be compared with what a database holds there. */
export function placedInSchema(schema: Schema, tenantSchema: string): Schema {
    const placed = <T extends { readonly schema: string }>(items: readonly T[]): T[] =>
        items.map((item) => (item.schema === "" ? { ...item, schema: tenantSchema } : item));
    return {
        ...schema,
        defaultSchema: tenantSchema,
        enums: placed(schema.enums),
        tables: placed(schema.tables),
        columns: placed(schema.columns),
        primaryKeys: placed(schema.primaryKeys),
        indexes: placed(schema.indexes),
        uniques: placed(schema.uniques),
        foreignKeys: placed(schema.foreignKeys).map((fk) => (fk.referencedSchema === "" ? { ...fk, referencedSchema: tenantSchema } : fk)),
        checks: placed(schema.checks),
        exclusions: placed(schema.exclusions),
        views: placed(schema.views),
        metadataRows: placed(schema.metadataRows),
        ...(schema.unmanagedIndexes === undefined ? {} : { unmanagedIndexes: placed(schema.unmanagedIndexes) }),
    };
}
