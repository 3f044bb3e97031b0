import type { DataSource, EntityMetadata } from "typeorm";
import { withIndexedMetadataArgs } from "./indexed-metadata-args";
import { argsByTarget, declaringClasses, piecesOf, planUnits, type ArgsLists, type Piece, type TableArgs, type Unit } from "./piece-plan";
import { fingerprintDigest, fingerprintText, UnfingerprintableError } from "./args-fingerprint";
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

/** One unit of the set (see `planUnits`): built together with its neighbors, it reads the same in any piece. */
export interface BuildUnit {
    /** Its place among all the units of the data source, in TypeORM's order. */
    readonly index: number;
    /** A digest of every decorator argument (or EntitySchema option) its members and neighbors are built from; null where one could not be spelled out. */
    readonly fingerprint: string | null;
    /** Its entities' targets, in TypeORM's order. */
    readonly members: readonly unknown[];
    /** The targets of the other units' entities its members point at, in TypeORM's order. */
    readonly neighbors: readonly unknown[];
    /** Per neighbor, the index of the unit it is a member of. */
    readonly neighborUnits: readonly number[];
    /** Per member, whether another unit points at it (builds it as a stand-in). */
    readonly pointedAt: readonly boolean[];
}

/** What one unit reads of the piece it was built in. */
export interface UnitRead {
    readonly unit: BuildUnit;
    /** The unit's entities and the junction and closure tables they own. */
    readonly reads: readonly EntityMetadata[];
    /** Its neighbors built as stand-ins in this piece (a neighbor that is a member of the piece is built whole). */
    readonly standIns: readonly EntityMetadata[];
    /** Runs `work` with the data source's entity metadata narrowed to `reads` (TypeORM's driver scans, such as the extensions it needs). */
    isolated<T>(work: () => Promise<T>): Promise<T>;
}

/** One piece as built: its units, each with what it reads (the piece's metadata are on the data source while `read` runs). */
export interface BuiltPiece {
    readonly units: readonly UnitRead[];
}

/**
 * Builds a not yet initialized data source's entity metadata a piece at a time, so that TypeORM's
 * metadata of the whole set (about 37 KB an entity) never exist at once: `read` gets each piece,
 * which is let go before the next is built. False when the set has fewer than `minTables` tables or
 * none, or cannot be cut (see `planPieces`); then nothing was read. Whatever `read` or a piece's build throws is thrown: the caller can build
 * the whole set instead, which reports TypeORM's own errors as they are. A unit `reuse` answers
 * true for (it has what the unit reads from an earlier build of the same arguments) is not built.
 */
export async function buildInPieces(
    dataSource: DataSource,
    size: number,
    read: (piece: BuiltPiece) => Promise<void>,
    minTables = 1,
    reuse?: (unit: BuildUnit) => boolean,
): Promise<boolean> {
    typeormMajor();
    const captured = await captureBuilds(dataSource);
    // Fewer tables than asked for (known once the globs are imported), or none at all: a build that
    // went another way than through the captured builder must not read as an empty schema.
    if (captured.reduce((sum, build) => sum + build.tables.length, 0) < Math.max(1, minTables)) return false;
    const plans = captured.map(({ tables, lists }) => planUnits(tables, lists));
    if (plans.some((plan) => plan === null)) return false;
    const standInTargets = new Set<unknown>();
    for (const [i, { tables }] of captured.entries()) for (const unit of plans[i] ?? []) for (const at of unit.neighbors) standInTargets.add(tables[at].target);
    const validator = new (entityMetadataValidator())();
    // Every unit is planned (and offered to `reuse`) before any is built.
    let unitIndex = 0;
    const unitsOf = captured.map((build, i) => {
        const plan = plans[i] ?? [];
        const first = unitIndex;
        const unitOfTable = new Map<number, number>();
        plan.forEach((unit, u) => unit.members.forEach((at) => unitOfTable.set(at, first + u)));
        unitIndex += plan.length;
        return plan.map((unit, u) => ({ plan: unit, unit: buildUnit(build, unit, first + u, reuse !== undefined, standInTargets, unitOfTable) }));
    });
    const toBuildOf = unitsOf.map((units) => (reuse === undefined ? units : units.filter(({ unit }) => !reuse(unit))));
    for (const [i, build] of captured.entries()) {
        const toBuild = toBuildOf[i];
        const byFirstMember = new Map(toBuild.map((entry) => [entry.unit.members[0], entry.unit]));
        for (const piece of piecesOf(
            toBuild.map((entry) => entry.plan),
            size,
            build.tables,
        )) {
            const metadatas = await withIndexedMetadataArgs(async () => build.build(piece));
            validator.validateMany(
                metadatas.filter((metadata) => metadata.tableType !== "view"),
                dataSource.driver,
            );
            const pieceUnits = [...piece.members].flatMap((target) => byFirstMember.get(target) ?? []);
            const setMetadatas = (list: readonly EntityMetadata[]) =>
                Object.assign(dataSource, { entityMetadatas: list, entityMetadatasMap: new Map(list.map((m) => [m.target, m])) });
            setMetadatas(metadatas);
            try {
                const units = pieceUnits.map((unit): UnitRead => {
                    const { reads, standIns } = readsOf(
                        metadatas,
                        new Set(unit.members),
                        new Set(unit.neighbors.filter((n) => piece.neighbors.has(n as Target))),
                    );
                    return {
                        unit,
                        reads,
                        standIns,
                        // The map by target stays the piece's: it still finds every metadata of the unit.
                        isolated: async (work) => {
                            Object.assign(dataSource, { entityMetadatas: reads });
                            try {
                                return await work();
                            } finally {
                                Object.assign(dataSource, { entityMetadatas: metadatas });
                            }
                        },
                    };
                });
                await read({ units });
            } finally {
                setMetadatas([]);
            }
        }
    }
    return true;
}

function buildUnit(
    build: CapturedBuild,
    unit: Unit,
    index: number,
    fingerprinted: boolean,
    standInTargets: ReadonlySet<unknown>,
    unitOfTable: ReadonlyMap<number, number>,
): BuildUnit {
    const targets = (positions: readonly number[]) => positions.map((at) => build.tables[at].target);
    let fingerprint: string | null = null;
    if (fingerprinted) {
        try {
            fingerprint = fingerprintDigest(
                build.kind,
                "members",
                ...unit.members.map(build.tableFingerprint),
                "neighbors",
                ...unit.neighbors.map(build.tableFingerprint),
            );
        } catch (error) {
            if (!(error instanceof UnfingerprintableError)) throw error;
        }
    }
    const members = targets(unit.members);
    return {
        index,
        fingerprint,
        members,
        neighbors: targets(unit.neighbors),
        neighborUnits: unit.neighbors.map((at) => unitOfTable.get(at) ?? -1),
        pointedAt: members.map((target) => standInTargets.has(target)),
    };
}

/** What one of TypeORM's entity builds (decorated classes, or EntitySchemas) was asked to build, and how to build a piece of it. */
interface CapturedBuild {
    readonly kind: "classes" | "schemas";
    readonly tables: readonly TableArgs[];
    readonly lists: ArgsLists;
    readonly build: (piece: Piece) => EntityMetadata[];
    /** A digest of what the table at this position is built from (its own arguments, not its neighbors'); throws UnfingerprintableError. */
    readonly tableFingerprint: (at: number) => string;
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
        const listed = [...tables];
        captured.push({ kind: "classes", tables: listed, lists: storage, build: buildPiece, tableFingerprint: classFingerprints(storage, listed) });
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
    const fingerprints = new Map<unknown, string>();
    return {
        kind: "schemas",
        tables,
        lists: { relations, foreignKeys, embeddeds },
        tableFingerprint: (at) => {
            const schema = schemaOf.get(tables[at].target);
            let fingerprint = fingerprints.get(schema);
            if (fingerprint === undefined) {
                fingerprint = fingerprintDigest(fingerprintText((schema as { options?: unknown }).options));
                fingerprints.set(schema, fingerprint);
            }
            return fingerprint;
        },
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

/** Of a piece's metadata, what the entities `members` read (with the junction and closure tables they own) and the stand-ins `neighbors`. */
function readsOf(
    metadatas: readonly EntityMetadata[],
    members: ReadonlySet<unknown>,
    neighbors: ReadonlySet<unknown>,
): { reads: EntityMetadata[]; standIns: EntityMetadata[] } {
    const own = metadatas.filter((metadata) => members.has(metadata.target));
    const owned = own.flatMap((member) => [
        ...member.relations.flatMap((relation) => (relation.junctionEntityMetadata ? [relation.junctionEntityMetadata] : [])),
        ...(member.closureJunctionTable ? [member.closureJunctionTable] : []),
    ]);
    const reads = new Set([...own, ...owned]);
    return {
        reads: metadatas.filter((metadata) => reads.has(metadata)),
        standIns: metadatas.filter((metadata) => neighbors.has(metadata.target)),
    };
}

/**
 * Per table of a decorated build, the digest of the arguments TypeORM builds it from: its own
 * (`@Entity`), and every list's items declared on the classes whose arguments land on its table
 * (its inheritance chain and embedded classes, recursively), class by class in that order.
 */
function classFingerprints(storage: ArgsStorage, tables: readonly TableArgs[]): (at: number) => string {
    let byTarget: Map<unknown, Map<string, unknown[]>> | undefined;
    const index = () => {
        const map = new Map<unknown, Map<string, unknown[]>>();
        for (const [list, items] of Object.entries(storage)) {
            if (!Array.isArray(items)) continue;
            for (const item of items as { target?: unknown }[]) {
                if (typeof item !== "object" || item === null || !("target" in item)) continue;
                const lists = map.get(item.target) ?? new Map<string, unknown[]>();
                map.set(item.target, lists);
                const found = lists.get(list);
                if (found) found.push(item);
                else lists.set(list, [item]);
            }
        }
        return map;
    };
    const embeddedOn = argsByTarget(storage.embeddeds);
    const classText = new Map<unknown, string>();
    const textOf = (declaring: unknown) => {
        let text = classText.get(declaring);
        if (text === undefined) {
            byTarget ??= index();
            const lists = [...(byTarget.get(declaring) ?? new Map<string, unknown[]>())].map(([list, items]) => [list, items.map(withoutTarget)]);
            text = fingerprintText([typeof declaring === "function" ? `class ${declaring.name}` : declaring, lists]);
            classText.set(declaring, text);
        }
        return text;
    };
    return (at) => {
        const table = tables[at];
        return fingerprintDigest(fingerprintText(withoutTarget(table)), ...[...declaringClasses(table.target, embeddedOn)].map(textOf));
    };
}

/** An argument without its `target` (the class, spelled once by its name for all its arguments). */
function withoutTarget(item: unknown): unknown {
    if (typeof item !== "object" || item === null) return item;
    const { target: _target, ...rest } = item as Record<string, unknown>;
    return rest;
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
