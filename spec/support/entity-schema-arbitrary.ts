import fc from "fast-check";
import { EntitySchema, type EntitySchemaColumnOptions, type EntitySchemaOptions, type EntitySchemaRelationOptions } from "typeorm";

/** The drivers the generated entities target; a few column types are spelled differently on each. */
export type EntityDialect = "postgres" | "better-sqlite3";

/** A set of entity definitions, as plain `EntitySchema` options (printable when a property fails). */
export type EntitySet = readonly EntitySchemaOptions<object>[];

// Small pools, so that two draws share entities and columns and then differ in their details.
const entityNames = ["Author", "Book", "Shelf", "Tag", "Review"] as const;
const columnNames = ["title", "count", "price", "active", "note", "status", "data", "labels", "createdAt", "code"] as const;
const manyToOneNames = ["owner", "parent"] as const;
const enumValueLists = [
    ["a", "b"],
    ["a", "b", "c"],
    ["b", "a"],
    ["draft", "published"],
] as const;
const referentialActions = [undefined, "CASCADE", "SET NULL", "RESTRICT", "NO ACTION"] as const;

const maybe = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arbitrary, { nil: undefined });

/**
 * Mostly `value` (`odds` to 1), sometimes the other: two draws then mostly agree. Shrinks to
 * `false` (no entity, no uuid, no unique), so that counterexamples come out small.
 */
const usually = (value: boolean, odds = 4): fc.Arbitrary<boolean> =>
    fc.oneof(
        { withCrossShrink: true },
        { arbitrary: fc.constant(false), weight: value ? 1 : odds },
        { arbitrary: fc.constant(true), weight: value ? odds : 1 },
    );

type ColumnKind = "int" | "varchar" | "text" | "boolean" | "decimal" | "timestamp" | "enum" | "json" | "array" | "uuid";

/** The type-specific part of a column of each kind; `nullable` and `unique` are drawn on top. */
function columnKinds(dialect: EntityDialect): Record<ColumnKind, fc.Arbitrary<EntitySchemaColumnOptions>> {
    return {
        int: fc.record({ type: fc.constant("int" as const), default: maybe(fc.constantFrom(0, 42)) }),
        varchar: fc.record({ type: fc.constant("varchar" as const), length: fc.constantFrom(50, 100, 255), default: maybe(fc.constantFrom("x", "draft", "")) }),
        text: fc.record({ type: fc.constant("text" as const), default: maybe(fc.constantFrom("none", "")) }),
        boolean: fc.record({ type: fc.constant("boolean" as const), default: maybe(fc.boolean()) }),
        decimal: fc.record({
            type: fc.constant("decimal" as const),
            precision: fc.constantFrom(10, 12),
            scale: fc.constantFrom(2, 4),
            default: maybe(fc.constant(0)),
        }),
        timestamp: fc.record({
            type: fc.constant(dialect === "postgres" ? ("timestamp" as const) : ("datetime" as const)),
            default: maybe(fc.constant(() => "CURRENT_TIMESTAMP")),
        }),
        enum: fc.constantFrom(...enumValueLists).chain((values) =>
            fc.record({
                type: fc.constant("simple-enum" as const),
                enum: fc.constant([...values]),
                default: maybe(fc.constantFrom(...values)),
            }),
        ),
        json: fc.constant({ type: "simple-json" as const }),
        array: fc.constant({ type: "simple-array" as const }),
        // A uuid kept as text, the portable way.
        uuid: fc.constant({ type: "varchar" as const, length: 36 }),
    };
}

// Each column name usually keeps its kind from one draw to the next (a price stays a decimal,
// changing precision or default), and sometimes changes it.
const homeKinds: Record<(typeof columnNames)[number], ColumnKind> = {
    title: "varchar",
    count: "int",
    price: "decimal",
    active: "boolean",
    note: "text",
    status: "enum",
    data: "json",
    labels: "array",
    createdAt: "timestamp",
    code: "uuid",
};

function columnTypeArbitrary(dialect: EntityDialect, name: (typeof columnNames)[number]): fc.Arbitrary<EntitySchemaColumnOptions> {
    const kinds = columnKinds(dialect);
    return fc.oneof({ arbitrary: kinds[homeKinds[name]], weight: 3 }, { arbitrary: fc.oneof(...Object.values(kinds)), weight: 1 }).map(withoutUndefined);
}

const columnArbitrary = (dialect: EntityDialect) =>
    fc.constantFrom(...columnNames).chain((name) =>
        fc.record({
            name: fc.constant(name),
            type: columnTypeArbitrary(dialect, name),
            nullable: fc.boolean(),
            unique: usually(false),
            // An explicit `name`: `createdAt` is then stored as `created_at`.
            snakeCaseName: usually(false),
            comment: maybe(fc.constantFrom("shown in the admin", "it's quoted")),
        }),
    );

// On PostgreSQL these entities usually have a uuid primary key, the others an increment.
const uuidEntities: ReadonlySet<string> = new Set(["Tag", "Review"]);

/** What one entity may hold; column picks (`nat`s) are resolved against its own columns when built. */
const entityDrawArbitrary = (dialect: EntityDialect, name: string) =>
    fc.record({
        renamedTable: usually(false),
        uuidPrimaryKey: dialect === "postgres" ? usually(uuidEntities.has(name), 19) : fc.constant(false),
        columns: fc.uniqueArray(columnArbitrary(dialect), { selector: (c) => c.name, maxLength: 5 }),
        manyToOne: fc.uniqueArray(
            fc.record({
                name: fc.constantFrom(...manyToOneNames),
                target: fc.constantFrom(...entityNames),
                onDelete: fc.constantFrom(...referentialActions),
                onUpdate: fc.constantFrom(undefined, "CASCADE", "NO ACTION"),
                nullable: fc.boolean(),
            }),
            { selector: (r) => r.name, maxLength: 2 },
        ),
        manyToMany: maybe(fc.constantFrom(...entityNames)),
        indices: fc.array(
            fc.record({
                picks: fc.uniqueArray(fc.nat(9), { minLength: 1, maxLength: 3 }),
                unique: fc.boolean(),
                partial: fc.boolean(),
            }),
            { maxLength: 2 },
        ),
        compositeUnique: maybe(fc.uniqueArray(fc.nat(9), { minLength: 2, maxLength: 2 })),
        check: maybe(fc.nat(9)),
    });

type EntityDraw = typeof entityDrawArbitrary extends (d: EntityDialect, n: string) => fc.Arbitrary<infer T> ? T : never;

/**
 * 1–5 valid TypeORM entities for `dialect`: columns of many types with nullable, default and unique
 * variations, a generated primary key, many-to-one relations (with onDelete variations) and
 * many-to-many join tables between the drawn entities, composite (unique, partial) indices, a
 * composite unique constraint and a check.
 *
 * @example
 * fc.assert(fc.asyncProperty(entitySetArbitrary("postgres"), async (set) => {
 *     const schema = await readSchema(new DataSource({ type: "postgres", database: "unused", entities: entitySchemasOf(set) }));
 * }));
 */
export function entitySetArbitrary(dialect: EntityDialect): fc.Arbitrary<EntitySet> {
    return fc.tuple(...entityNames.map((name) => fc.record({ present: usually(true, 3), draw: entityDrawArbitrary(dialect, name) }))).map((entities) => {
        const present = entityNames.filter((_, i) => entities[i].present);
        const names = present.length > 0 ? present : [entityNames[0]];
        return names.map((name) => buildEntity(name, entities[entityNames.indexOf(name)].draw, new Set(names)));
    });
}

/** Fresh `EntitySchema` instances for a set: one per data source, as an application would have. */
export function entitySchemasOf(set: EntitySet): EntitySchema<object>[] {
    return set.map((options) => new EntitySchema(options));
}

function buildEntity(name: (typeof entityNames)[number], draw: EntityDraw, present: ReadonlySet<string>): EntitySchemaOptions<object> {
    const columns: Record<string, EntitySchemaColumnOptions> = {
        id: draw.uuidPrimaryKey ? { type: "uuid", primary: true, generated: "uuid" } : { type: "int", primary: true, generated: "increment" },
    };
    for (const column of draw.columns) {
        columns[column.name] = withoutUndefined({
            ...column.type,
            name: column.snakeCaseName ? snakeCase(column.name) : undefined,
            nullable: column.nullable || undefined,
            unique: column.unique || undefined,
            comment: column.comment,
        });
    }
    const relations: Record<string, EntitySchemaRelationOptions> = {};
    for (const relation of draw.manyToOne.filter((r) => present.has(r.target))) {
        // TypeORM refuses a cycle of required relations; requiring only "earlier" targets keeps them acyclic.
        const nullable = relation.nullable || entityNames.indexOf(relation.target) >= entityNames.indexOf(name);
        relations[relation.name] = withoutUndefined({
            type: "many-to-one",
            target: relation.target,
            onDelete: relation.onDelete,
            onUpdate: relation.onUpdate,
            nullable,
        });
    }
    if (draw.manyToMany !== undefined && present.has(draw.manyToMany)) {
        relations.tags = { type: "many-to-many", target: draw.manyToMany, joinTable: true };
    }
    const pickable = [...draw.columns.map((c) => c.name), ...Object.keys(relations).filter((r) => r !== "tags")];
    const pick = (picks: readonly number[]) => [...new Set(picks.map((p) => pickable[p % pickable.length]))];
    const options: EntitySchemaOptions<object> = { name, columns, relations };
    if (draw.renamedTable) options.tableName = `${name.toLowerCase()}_table`;
    if (pickable.length > 0) {
        options.indices = distinctIndices(
            draw.indices.map((index) => {
                const picked = pick(index.picks);
                const where = index.partial ? `"${databaseName(picked[0], columns)}" IS NOT NULL` : undefined;
                return withoutUndefined({ columns: picked, unique: index.unique || undefined, where });
            }),
        );
        const uniqueColumns = draw.compositeUnique ? pick(draw.compositeUnique) : [];
        // A one-column unique constraint would collide, by name, with a column's own `unique: true`.
        if (uniqueColumns.length === 2) options.uniques = [{ columns: uniqueColumns }];
        if (draw.check !== undefined) {
            const checked = pick([draw.check])[0];
            options.checks = [{ expression: checkExpression(databaseName(checked, columns), columns[checked]) }];
        }
    }
    return options;
}

/**
 * TypeORM names an index by its table, its columns *sorted* and its predicate: indices on the same
 * columns in another order collide, and synchronize() fails on them.
 */
function distinctIndices<T extends { columns: string[]; where?: string }>(indices: T[]): T[] {
    const seen = new Set<string>();
    return indices.filter((index) => {
        const key = JSON.stringify([[...index.columns].sort(), index.where ?? null]);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}

/** The column a property is stored in, for predicates and checks written in SQL. */
function databaseName(property: string, columns: Record<string, EntitySchemaColumnOptions>): string {
    return columns[property]?.name ?? (property in columns ? property : `${property}Id`);
}

function snakeCase(name: string): string {
    return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** A check that fits the column's type, so that it holds on an empty table and compiles on both databases. */
function checkExpression(column: string, options: EntitySchemaColumnOptions | undefined): string {
    switch (options?.type) {
        case "int":
        case "decimal":
            return `"${column}" >= 0`;
        case "varchar":
        case "text":
        case "simple-json":
        case "simple-array":
            return `length("${column}") >= 0`;
        default:
            return `"${column}" IS NOT NULL`;
    }
}

function withoutUndefined<T extends object>(value: T): T {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
