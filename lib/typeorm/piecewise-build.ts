import type { DataSource, EntityMetadata } from "typeorm";
import { withIndexedMetadataArgs } from "./indexed-metadata-args";
import { planPieces, type ArgsLists, type Piece, type TableArgs } from "./piece-plan";
import { typeormMajor } from "./version";

type Target = object | string;
type Method = (...args: unknown[]) => unknown;

/** TypeORM's EntityMetadataBuilder (the same path and `build(entityClasses?)` in 0.3 and 1.x; its data source is `connection` in 0.3). */
interface MetadataBuilder {
    readonly metadataArgsStorage: ArgsStorage;
    readonly dataSource?: DataSource;
    readonly connection?: DataSource;
}

type ArgsStorage = ArgsLists & {
    readonly tables: readonly TableArgs[];
    filterTables(targets: unknown): TableArgs[];
} & Record<string, unknown>;

/** One piece as built: what it reads, and the stand-ins its foreign keys point at. */
export interface BuiltPiece {
    /** The piece's entity metadata, junction and closure tables included (also on the data source while `read` runs). */
    readonly metadatas: readonly EntityMetadata[];
    /** The entities and the junction and closure tables this piece reads. */
    readonly reads: readonly EntityMetadata[];
    /** Entities built as stand-ins (a member of another piece): read by a foreign key, never as a table. */
    readonly standIns: readonly EntityMetadata[];
    /** The targets of every entity some piece builds as a stand-in. */
    readonly standInTargets: ReadonlySet<unknown>;
}

/**
 * Builds a not yet initialized data source's entity metadata a piece at a time, so that TypeORM's
 * metadata of the whole set (about 37 KB an entity) never exist at once: `read` gets each piece,
 * which is let go before the next is built. False when the set has fewer than `minTables` tables or
 * none, or cannot be cut (see `planPieces`); then nothing was read. Whatever `read` or a piece's build throws is thrown: the caller can build
 * the whole set instead, which reports TypeORM's own errors as they are.
 */
export async function buildInPieces(dataSource: DataSource, size: number, read: (piece: BuiltPiece) => Promise<void>, minTables = 1): Promise<boolean> {
    typeormMajor();
    const captured = await captureBuilds(dataSource);
    // Fewer tables than asked for (known once the globs are imported), or none at all: a build that
    // went another way than through the captured builder must not read as an empty schema.
    if (captured.reduce((sum, build) => sum + build.tables.length, 0) < Math.max(1, minTables)) return false;
    const plans = captured.map(({ tables, lists }) => planPieces(tables, lists, size));
    if (plans.some((plan) => plan === null)) return false;
    const standInTargets = new Set<unknown>(plans.flatMap((plan) => (plan ?? []).flatMap((piece) => [...piece.neighbors])));
    const validator = new (entityMetadataValidator())();
    for (const [i, { build }] of captured.entries()) {
        for (const piece of plans[i] ?? []) {
            const metadatas = await withIndexedMetadataArgs(async () => build(piece));
            validator.validateMany(
                metadatas.filter((metadata) => metadata.tableType !== "view"),
                dataSource.driver,
            );
            Object.assign(dataSource, { entityMetadatas: metadatas, entityMetadatasMap: new Map(metadatas.map((m) => [m.target, m])) });
            try {
                await read({ ...pieceRead(metadatas, piece), standInTargets });
            } finally {
                Object.assign(dataSource, { entityMetadatas: [], entityMetadatasMap: new Map() });
            }
        }
    }
    return true;
}

/** What one of TypeORM's entity builds (decorated classes, or EntitySchemas) was asked to build, and how to build a piece of it. */
interface CapturedBuild {
    readonly tables: readonly TableArgs[];
    readonly lists: ArgsLists;
    readonly build: (piece: Piece) => EntityMetadata[];
}

/**
 * Runs the data source's own metadata build (subscribers, entity globs, migrations) with TypeORM's
 * entity builder only recording what it was asked to build. Decorated classes are built from the
 * arguments storage their decorators filled. EntitySchemas are turned into arguments a piece at a
 * time, not all at once (at 10,000 entities, about 60 MB of arguments).
 */
async function captureBuilds(dataSource: DataSource): Promise<CapturedBuild[]> {
    const captured: CapturedBuild[] = [];
    captures.set(dataSource, captured);
    if (captures.size === 1) patchBuilder();
    try {
        await withIndexedMetadataArgs(() => (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas());
    } finally {
        captures.delete(dataSource);
        if (captures.size === 0) unpatchBuilder();
    }
    return captured;
}

/** The builds being captured, by data source: another data source's build, meanwhile, builds as always. */
const captures = new Map<DataSource, CapturedBuild[]>();
/** Storages `transform` gave back empty, and the EntitySchemas each stands for. */
const schemasOf = new WeakMap<object, readonly unknown[]>();
const originals: { build?: Method; transform?: Method } = {};

function patchBuilder(): void {
    const builder = entityMetadataBuilder();
    const transformer = entitySchemaTransformer();
    const build = (originals.build = builder.prototype.build);
    const transform = (originals.transform = transformer.prototype.transform);
    const transformed = (schemas: readonly unknown[]) => transform.call(new transformer(), schemas) as ArgsStorage;
    // ConnectionMetadataBuilder transforms the EntitySchemas and hands the storage to a builder at once, synchronously.
    transformer.prototype.transform = function (this: unknown, entitySchemas: unknown) {
        const storage = transform.call(this, []) as object;
        schemasOf.set(storage, entitySchemas as readonly unknown[]);
        return storage;
    };
    builder.prototype.build = function (this: MetadataBuilder, entityClasses?: unknown) {
        const storage = this.metadataArgsStorage;
        const schemas = schemasOf.get(storage);
        const owner = this.dataSource ?? this.connection;
        const captured = owner === undefined ? undefined : captures.get(owner);
        if (owner === undefined || captured === undefined) {
            if (schemas !== undefined) Object.assign(this, { metadataArgsStorage: transformed(schemas) });
            return build.call(this, entityClasses);
        }
        if (schemas !== undefined) {
            if (schemas.length > 0) captured.push(capturedSchemas(owner, schemas, builder, transformed));
            return [];
        }
        if (storage.tables.length === 0) return [];
        const tables = entityClasses ? storage.filterTables(entityClasses) : storage.tables;
        const buildPiece = (piece: Piece) =>
            withPieceView(
                storage,
                piece,
                () =>
                    build.call(
                        this,
                        piece.tables.map((t) => t.target),
                    ) as EntityMetadata[],
            );
        captured.push({ tables: [...tables], lists: storage, build: buildPiece });
        return [];
    };
}

function unpatchBuilder(): void {
    if (originals.build) entityMetadataBuilder().prototype.build = originals.build;
    if (originals.transform) entitySchemaTransformer().prototype.transform = originals.transform;
}

/** EntitySchemas: the plan from each schema's own arguments (relations and embeddeds kept, the rest let go); a piece built from its schemas' arguments. */
function capturedSchemas(
    dataSource: DataSource,
    schemas: readonly unknown[],
    builder: BuilderClass,
    transform: (schemas: readonly unknown[]) => ArgsStorage,
): CapturedBuild {
    const tables: TableArgs[] = [];
    const relations: ArgsLists["relations"][number][] = [];
    const foreignKeys: ArgsLists["relations"][number][] = [];
    const embeddeds: ArgsLists["embeddeds"][number][] = [];
    const schemaOf = new Map<unknown, unknown>();
    for (const schema of schemas) {
        const args = transform([schema]);
        tables.push(...args.tables);
        relations.push(...args.relations);
        foreignKeys.push(...(args.foreignKeys ?? []));
        embeddeds.push(...args.embeddeds);
        for (const table of args.tables) schemaOf.set(table.target, schema);
    }
    return {
        tables,
        lists: { relations, foreignKeys, embeddeds },
        build: (piece) => {
            const storage = transform([...new Set(piece.tables.map((table) => schemaOf.get(table.target)))]);
            return withPieceView(storage, piece, () => new builder(dataSource, storage).build(piece.tables.map((t) => t.target)) as EntityMetadata[]);
        },
    };
}

/** A member's relation found no table in its piece: the plan and TypeORM disagree; the caller reads the set whole. */
class PieceOutOfStepError extends Error {
    override readonly name = "PieceOutOfStepError";
}

/** The lookups that give an entity what it declares besides its columns: a stand-in keeps none of it but relations inside the piece. */
const dropForStandIns = [
    "filterIndices",
    "filterUniques",
    "filterChecks",
    "filterExclusions",
    "filterForeignKeys",
    "filterRelationIds",
    "filterRelationCounts",
];

/**
 * Runs `build` with `storage` answering for one piece: its tables only, and for a stand-in (asked
 * with its inheritance tree, the entity first) only the relations whose target is in the piece.
 */
function withPieceView<T>(storage: ArgsStorage, piece: Piece, build: () => T): T {
    const inPiece = new Set<Target>(piece.tables.map((table) => table.target));
    const names = new Set<string>();
    for (const table of piece.tables) {
        if (typeof table.target === "function") names.add(table.target.name);
        if (typeof table.target === "string") names.add(table.target);
        if (table.name !== undefined) names.add(table.name);
    }
    const pointsInside = (relation: { type?: unknown }) => {
        const type = typeof relation.type === "function" ? (relation.type as () => unknown)() : relation.type;
        if (typeof type === "string") return names.has(type);
        if (typeof type === "object" && type !== null && "options" in type) return names.has(String((type as { options: { name?: unknown } }).options.name));
        return inPiece.has(type as Target);
    };
    const proto = Object.getPrototypeOf(storage) as Record<string, Method>;
    const isStandIn = (target: unknown) => piece.neighbors.has((Array.isArray(target) ? target[0] : target) as Target);
    const isMember = (target: unknown) => piece.members.has((Array.isArray(target) ? target[0] : target) as Target);
    const own: Record<string, Method> = {
        filterTables: () =>
            proto.filterTables.call(
                storage,
                piece.tables.map((table) => table.target),
            ),
        // Every relation of a member points inside (planPieces puts its targets in the piece), so one
        // that points outside belongs to a stand-in: asked with its inheritance tree, or with the class
        // of one of its embeddeds, which TypeORM asks for without saying whose.
        filterRelations(target) {
            const relations = proto.filterRelations.call(storage, target) as { type?: unknown }[];
            const inside = relations.filter(pointsInside);
            if (isMember(target) && inside.length < relations.length) throw new PieceOutOfStepError();
            return inside;
        },
    };
    for (const name of dropForStandIns) {
        if (typeof proto[name] !== "function") continue;
        own[name] = (target, ...rest) => (isStandIn(target) ? [] : proto[name].call(storage, target, ...rest));
    }
    Object.assign(storage, own);
    try {
        return build();
    } finally {
        for (const name of Object.keys(own)) delete storage[name];
    }
}

function pieceRead(metadatas: readonly EntityMetadata[], piece: Piece): Omit<BuiltPiece, "standInTargets"> {
    const members = metadatas.filter((metadata) => piece.members.has(metadata.target as Target));
    const owned = members.flatMap((member) => [
        ...member.relations.flatMap((relation) => (relation.junctionEntityMetadata ? [relation.junctionEntityMetadata] : [])),
        ...(member.closureJunctionTable ? [member.closureJunctionTable] : []),
    ]);
    const reads = new Set([...members, ...owned]);
    return {
        metadatas,
        reads: metadatas.filter((metadata) => reads.has(metadata)),
        standIns: metadatas.filter((metadata) => piece.neighbors.has(metadata.target as Target)),
    };
}

type BuilderClass = (new (dataSource: DataSource, storage: ArgsStorage) => { build(targets?: unknown[]): unknown }) & { prototype: { build: Method } };

function entityMetadataBuilder(): BuilderClass {
    return (require("typeorm/metadata-builder/EntityMetadataBuilder") as { EntityMetadataBuilder: BuilderClass }).EntityMetadataBuilder;
}

function entitySchemaTransformer(): (new () => unknown) & { prototype: { transform: Method } } {
    return (require("typeorm/entity-schema/EntitySchemaTransformer") as { EntitySchemaTransformer: (new () => unknown) & { prototype: { transform: Method } } })
        .EntitySchemaTransformer;
}

function entityMetadataValidator(): new () => { validateMany(metadatas: EntityMetadata[], driver: unknown): void } {
    return (
        require("typeorm/metadata-builder/EntityMetadataValidator") as {
            EntityMetadataValidator: new () => { validateMany(metadatas: EntityMetadata[], driver: unknown): void };
        }
    ).EntityMetadataValidator;
}
