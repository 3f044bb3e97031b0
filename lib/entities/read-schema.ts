import { Table as TypeormTable, TableForeignKey, TableIndex, type DataSource, type EntityMetadata } from "typeorm";
import { canonicalize } from "../schema/canonical";
import type { DialectModule } from "../dialects/dialect";
import { dialectForDriver } from "../dialects/registry";
import type {
    Check,
    Column,
    EnumType,
    Exclusion,
    ForeignKey,
    Index,
    MemberRef,
    MetadataRow,
    PrimaryKey,
    ReferentialAction,
    Schema,
    Table,
    TableRef,
    Unique,
    View,
} from "../schema/model";
import { EntryOrigins, rememberOrigins } from "../schema/entry-origins";
import { SCHEMA_FORMAT_VERSION } from "../schema/model";
import { ConflictingMetadataError, UnsupportedMetadataError } from "./errors";
import { assumeServer, prepareOffline, type ServerAssumptions } from "./prepare-data-source";
import { shapeText, StandInCheck, type ShapeText, type TableShape } from "./stand-in-check";
import { asUnitEntry, readContextKey, shapeOfRead, unitKey, type UnitEntry } from "./unit-entries";
import type { UnitCache } from "../store/unit-cache";
import { toModelColumn } from "./read-columns";
import { EntryOwners, mergeSharedTables, schemaListKinds } from "./shared-tables";
import {
    buildInPieces,
    type BuildUnit,
    type UnitRead,
    driverSchema,
    hasEntityMetadata,
    listedEntityCount,
    listsEntityGlobs,
    releaseEntityMetadata,
    typeormVersion,
} from "../typeorm";
import { rejectOverLongNames } from "./identifier-limits";
import { afterMetadataReleased, afterUnitsRead, beforeMetadataBuild } from "./cli-memory";
import { pieceReading } from "./piece-reading";
import { emptyEntityRead, type EntityRead } from "./entity-read";

export interface ReadSchemaOptions extends ServerAssumptions {
    /**
     * Where what large entity sets read is kept between runs (`UnitCache.forFolder`): a unit of
     * entities whose decorator arguments, options and naming strategy are as they were is not built
     * by TypeORM again. Used from `pieceReading.minEntities` entities on.
     */
    readonly cache?: UnitCache;
}

/**
 * Reads a TypeORM data source's entity metadata into the normalized schema model, without
 * connecting. Names (PK/UQ/FK/IDX/CHK, enum types) are the ones `synchronize()` would use.
 * A data source that has no entity metadata yet (not initialized) is left without: they are built
 * for the read and let go.
 *
 * @example
 * const schema = await readSchema(new DataSource({ type: "postgres", entities: [User, Post] }));
 */
export async function readSchema(dataSource: DataSource, options: ReadSchemaOptions = {}): Promise<Schema> {
    const dialect = dialectForDriver(dataSource.options.type);
    const entities = listedEntityCount(dataSource);
    beforeMetadataBuild(entities);
    // Entities listed by glob are counted once the build has imported them.
    if (entities >= pieceReading.minEntities || listsEntityGlobs(dataSource)) {
        const pieced = await readSchemaInPieces(dataSource, options, pieceReading.pieceSize, pieceReading.minEntities, options.cache);
        if (pieced !== null) return pieced;
    }
    const built = await prepareOffline(dataSource, dialect, options);
    try {
        const ctx = readContext(dataSource, dialect);
        const parts = new SchemaParts();
        readEntities(ctx, dataSource.entityMetadatas, parts);
        return assemble(ctx, parts, await dialect.reading.extensions(dataSource), dataSource.entityMetadatas);
    } finally {
        // Metadata this call built go before the caller's next step (replay, diff) allocates.
        if (built) {
            releaseEntityMetadata(dataSource);
            afterMetadataReleased();
        }
    }
}

/**
 * `readSchema` of a data source without entity metadata, with TypeORM's metadata built `pieceSize`
 * entities at a time (see `buildInPieces`). Null when it is not for this data source or cannot read
 * as the whole build reads: the data source has metadata or lists fewer than `minEntities`, the set
 * cannot be cut, a stand-in reads differently from the entity itself, or anything fails (the whole
 * build then reports TypeORM's own error). With `cache`, a unit of entities whose arguments read
 * before (the same key: see `unitKey`) is taken from it instead of built, and what is built is kept.
 */
export async function readSchemaInPieces(
    dataSource: DataSource,
    options: ServerAssumptions,
    pieceSize: number,
    minEntities = 1,
    keptIn?: UnitCache,
): Promise<Schema | null> {
    if (hasEntityMetadata(dataSource)) return null;
    const dialect = dialectForDriver(dataSource.options.type);
    assumeServer(dataSource, dialect, options);
    const ctx = readContext(dataSource, dialect);
    const context = keptIn === undefined ? null : readContextKey(dataSource, { serverVersion: options.serverVersion });
    const cache = context === null ? undefined : keptIn;
    const keys = new Map<number, string | null>();
    const entries = new Map<number, { readonly unit: BuildUnit; readonly entry: UnitEntry; readonly kept: boolean }>();
    const reuse =
        cache === undefined || context === null
            ? undefined
            : (unit: BuildUnit) => {
                  const key = unitKey(context, unit);
                  keys.set(unit.index, key);
                  const entry = key === null ? undefined : asUnitEntry(cache.get(key), unit);
                  if (entry !== undefined) entries.set(unit.index, { unit, entry, kept: true });
                  return entry !== undefined;
              };
    try {
        const cut = await buildInPieces(
            dataSource,
            pieceSize,
            async (piece) => {
                for (const unitRead of piece.units) {
                    const entry = await readUnit(ctx, unitRead, keys);
                    entries.set(unitRead.unit.index, { unit: unitRead.unit, entry, kept: false });
                    const key = keys.get(unitRead.unit.index);
                    if (key) cache?.put(key, entry);
                }
            },
            minEntities,
            reuse,
        );
        if (!cut) return null;
        const parts = new SchemaParts();
        const extensions = new Set<string>();
        const standIns = new StandInCheck();
        for (const { unit, entry, kept } of [...entries.values()].sort((a, b) => a.unit.index - b.unit.index)) {
            for (const read of entry.reads) addEntityRead(parts, read);
            for (const name of entry.extensions) extensions.add(name);
            entry.members.forEach((shape, at) => {
                if (shape !== null) standIns.entity(unit.members[at], typeof shape === "number" ? () => shapeOfRead(entry.reads[shape]) : shape);
            });
            for (const [at, checkedWith, shape] of entry.standIns) {
                // A kept pair whose both units are as they were when it was checked (a kept entry
                // was written only after its run's check passed) agrees still.
                if (kept && checkedWith !== null && checkedWith === keys.get(unit.neighborUnits[at])) continue;
                standIns.standIn(unit.neighbors[at], JSON.parse(shape) as ShapeText);
            }
        }
        if (!standIns.agree()) return null;
        const schema = assemble(ctx, parts, [...extensions], []);
        cache?.save();
        rememberOrigins(schema, originsOfUnits(entries.values(), keys));
        return schema;
    } catch {
        return null;
    } finally {
        cache?.close();
        releaseEntityMetadata(dataSource);
        const read = [...entries.values()];
        afterUnitsRead(
            read.reduce((sum, { unit, kept }) => sum + (kept ? 0 : unit.members.length), 0),
            read.reduce((sum, { unit }) => sum + unit.members.length, 0),
        );
    }
}

/** Where the entries of the units read come from: the units with a key, kept or built (and kept from now on). */
function originsOfUnits(
    entries: Iterable<{ readonly unit: BuildUnit; readonly entry: UnitEntry; readonly kept: boolean }>,
    keys: ReadonlyMap<number, string | null>,
): EntryOrigins {
    const origins = new EntryOrigins();
    for (const { unit, entry, kept } of entries) {
        const key = keys.get(unit.index);
        if (key) origins.add(key, entry.reads, kept);
    }
    return origins;
}

/** What a unit built in a piece reads: its entities, the extensions they need, its members' and stand-ins' shapes. */
async function readUnit(ctx: ReadContext, unitRead: UnitRead, keys: ReadonlyMap<number, string | null>): Promise<UnitEntry> {
    const reads: EntityRead[] = [];
    const readOf = new Map<unknown, number>();
    for (const entity of unitRead.reads) {
        const read = readEntity(ctx, entity);
        if (read === null) continue;
        if (entity.tableType !== "view") readOf.set(entity.target, reads.length);
        reads.push(read);
    }
    const members = unitRead.unit.members.map((target, i) => {
        const at = readOf.get(target);
        if (at !== undefined) return at;
        const entity = unitRead.unit.pointedAt[i] ? unitRead.reads.find((metadata) => metadata.target === target) : undefined;
        return entity === undefined ? null : shapeText(tableShape(ctx, entity));
    });
    const { unit } = unitRead;
    const standIns = unitRead.standIns.map((entity) => {
        const at = unit.neighbors.indexOf(entity.target);
        return [at, keys.get(unit.neighborUnits[at]) ?? null, JSON.stringify(shapeText(tableShape(ctx, entity)))] as const;
    });
    const extensions = await unitRead.isolated(async () => ctx.dialect.reading.extensions(ctx.dataSource));
    return { reads, extensions, members, standIns };
}

function readContext(dataSource: DataSource, dialect: DialectModule): ReadContext {
    const defaultSchema = dialect.capabilities.supportsSchemas ? String(driverSchema(dataSource)) : "";
    return { dataSource, dialect, defaultSchema };
}

function readEntities(ctx: ReadContext, entities: readonly EntityMetadata[], parts: SchemaParts): void {
    for (const entity of entities) {
        const read = readEntity(ctx, entity);
        if (read !== null) addEntityRead(parts, read);
    }
}

/** What one entity adds to the schema; null for one that adds nothing of its own. */
function readEntity(ctx: ReadContext, entity: EntityMetadata): EntityRead | null {
    if (!entity.synchronize || entity.tableType === "entity-child") return null;
    rejectOtherDatabase(ctx, entity);
    const read = emptyEntityRead(entity.name);
    if (entity.tableType === "view") readView(ctx, entity, read);
    else readTable(ctx, entity, read);
    return read;
}

function addEntityRead(parts: SchemaParts, read: EntityRead): void {
    for (const kind of schemaListKinds) (parts[kind] as object[]).push(...(read[kind] as object[]));
    for (const enumType of read.enums) addEnumType(parts.enums, enumType, read.entity);
    parts.unmanagedIndexes.push(...read.unmanagedIndexes);
    parts.owners.claim(read.entity);
}

/** The schema of what `readEntities` collected; `entities` name the owners in an error about a name over the server's limit. */
function assemble(ctx: ReadContext, parts: SchemaParts, extensions: readonly string[], entities: readonly EntityMetadata[]): Schema {
    const { dataSource, dialect, defaultSchema } = ctx;
    const hasSchemas = dialect.capabilities.supportsSchemas;
    const merged = mergeSharedTables(parts, parts.owners);
    rejectOwnMetadataTable(dataSource, [...merged.metadataRows, ...merged.views.map(viewMetadataRow)]);
    const schemasInUse = new Set([...merged.tables, ...merged.views.map((v) => ({ schema: v.schema }))].map((t) => t.schema));
    const schema = canonicalize({
        version: SCHEMA_FORMAT_VERSION,
        dialect: dialect.name,
        typeormVersion: typeormVersion(),
        defaultSchema,
        schemas: hasSchemas ? [...schemasInUse].filter((s) => s !== defaultSchema) : [],
        extensions: [...extensions],
        enums: [...parts.enums.values()],
        tables: merged.tables,
        columns: withDeclaredEnumValues(merged.columns, parts.enums),
        primaryKeys: merged.primaryKeys,
        indexes: merged.indexes,
        uniques: merged.uniques,
        foreignKeys: merged.foreignKeys,
        checks: merged.checks,
        exclusions: merged.exclusions,
        views: merged.views,
        metadataRows: [...merged.metadataRows, ...merged.views.map(viewMetadataRow)],
        unmanagedIndexes: parts.unmanagedIndexes,
    });
    const read = dialect.reading.asSynchronized(schema);
    rejectOverLongNames(read, entities, dialect.reading);
    return read;
}

/** What every entity is read with: the data source, its dialect, and the schema a table without one is in. */
interface ReadContext {
    readonly dataSource: DataSource;
    readonly dialect: DialectModule;
    readonly defaultSchema: string;
}

class SchemaParts {
    readonly tables: Table[] = [];
    readonly columns: Column[] = [];
    readonly primaryKeys: PrimaryKey[] = [];
    readonly indexes: Index[] = [];
    readonly uniques: Unique[] = [];
    readonly foreignKeys: ForeignKey[] = [];
    readonly checks: Check[] = [];
    readonly exclusions: Exclusion[] = [];
    readonly views: View[] = [];
    readonly metadataRows: MetadataRow[] = [];
    readonly enums = new Map<string, EnumType>();
    /** Indexes declared with `synchronize: false` (TypeORM's Table.create leaves them out). */
    readonly unmanagedIndexes: MemberRef[] = [];
    readonly owners = new EntryOwners(this);
}

/** An entity's table, columns and primary key as the reader reads them. */
function tableShape(ctx: ReadContext, entity: EntityMetadata): TableShape {
    // Entries spell out `schema: ref.schema, table: ref.table`: V8 (Node 20) gives every object made
    // as `{ ...ref, name, ... }` a hidden class of its own, ~400 bytes each (24 MB at 10,000 tables),
    // and the differ's property reads on them go megamorphic.
    const typeormTable = TypeormTable.create(entity, ctx.dataSource.driver);
    const ref = { schema: schemaOf(ctx, entity), table: entity.tableName };
    const columns = typeormTable.columns.map((options) =>
        toModelColumn(options, { dataSource: ctx.dataSource, reading: ctx.dialect.reading, entity, schema: ref.schema, table: ref.table }),
    );
    const primary = typeormTable.columns.filter((c) => c.isPrimary);
    const names = primary.map((c) => c.name);
    const primaryKey =
        primary.length === 0
            ? null
            : {
                  schema: ref.schema,
                  table: ref.table,
                  name: primary[0].primaryKeyConstraintName ?? ctx.dataSource.namingStrategy.primaryKeyName(typeormTable, names),
                  columns: names,
              };
    return { typeormTable, ref, columns, primaryKey };
}

function readTable(ctx: ReadContext, entity: EntityMetadata, parts: EntityRead): void {
    const { dataSource, dialect } = ctx;
    if (entity.exclusions.length > 0 && !dialect.reading.exclusions) {
        throw new UnsupportedMetadataError(`${entity.name}: exclusion constraints exist only on PostgreSQL`);
    }
    const { typeormTable, ref, columns, primaryKey } = tableShape(ctx, entity);
    parts.tables.push({
        schema: ref.schema,
        table: ref.table,
        comment: entity.comment ?? null,
        engine: entity.engine ?? null,
        withoutRowid: entity.withoutRowid === true,
    });
    rejectDuplicateColumns(entity);
    parts.columns.push(...columns);
    for (const column of columns) {
        if (column.enumName !== null) parts.enums.push({ schema: ref.schema, name: column.enumName, values: column.enum ?? [] });
        if (column.asExpression !== null) {
            parts.metadataRows.push({ type: "GENERATED_COLUMN", schema: ref.schema, table: ref.table, name: column.name, value: column.asExpression });
        }
    }
    if (primaryKey !== null) parts.primaryKeys.push(primaryKey);
    parts.uniques.push(
        ...typeormTable.uniques.map((u) => ({
            schema: ref.schema,
            table: ref.table,
            name: requireName(u.name, entity, "unique"),
            columns: [...u.columnNames],
            deferrable: u.deferrable ?? null,
        })),
    );
    addColumnLevelUniques(ctx, typeormTable, ref, parts);
    parts.exclusions.push(
        ...typeormTable.exclusions.map((x) => ({
            schema: ref.schema,
            table: ref.table,
            name: requireName(x.name, entity, "exclusion"),
            expression: String(x.expression),
            deferrable: x.deferrable ?? null,
        })),
    );
    parts.checks.push(
        ...typeormTable.checks.map((c) => ({
            schema: ref.schema,
            table: ref.table,
            name: requireName(c.name, entity, "check"),
            expression: String(c.expression),
        })),
    );
    parts.indexes.push(...typeormTable.indices.map((i) => toModelIndex(i, ref, entity)));
    parts.unmanagedIndexes.push(
        ...entity.indices
            .filter((i) => i.synchronize === false)
            .map((i) => ({ schema: ref.schema, table: ref.table, name: requireName(i.name, entity, "index") })),
    );
    parts.foreignKeys.push(
        ...foreignKeysSynchronizeMakes(entity, dialect).map((fkMetadata) => {
            const fk = TableForeignKey.create(fkMetadata, dataSource.driver);
            const target = fkMetadata.referencedEntityMetadata;
            return {
                schema: ref.schema,
                table: ref.table,
                name: requireName(fk.name, entity, "foreign key"),
                columns: [...fk.columnNames],
                referencedSchema: schemaOf(ctx, target),
                referencedTable: target.tableName,
                referencedColumns: [...fk.referencedColumnNames],
                onDelete: referentialAction(fk.onDelete, "ON DELETE", entity, fk.columnNames),
                onUpdate: referentialAction(fk.onUpdate, "ON UPDATE", entity, fk.columnNames),
                deferrable: fk.deferrable ?? null,
            };
        }),
    );
}

/** Where synchronize() makes no foreign keys for a table whose entity has a `schema`, none are read (see DialectReading). */
function foreignKeysSynchronizeMakes(entity: EntityMetadata, dialect: DialectModule): EntityMetadata["foreignKeys"] {
    return !dialect.reading.foreignKeysOfSchemaTables && entity.schema ? [] : entity.foreignKeys;
}

/**
 * A column marked unique with no matching unique constraint gets one at CREATE TABLE, named by the
 * naming strategy (TypeORM's query runners do this; metadata usually already carries it).
 */
function addColumnLevelUniques(ctx: ReadContext, typeormTable: TypeormTable, ref: { schema: string; table: string }, parts: EntityRead): void {
    const { dataSource, dialect } = ctx;
    for (const column of typeormTable.columns.filter((c) => c.isUnique)) {
        const covered = typeormTable.uniques.some((u) => u.columnNames.length === 1 && u.columnNames[0] === column.name);
        if (covered || dialect.reading.uniquesAreIndexes) continue;
        parts.uniques.push({
            schema: ref.schema,
            table: ref.table,
            name: dataSource.namingStrategy.uniqueConstraintName(typeormTable, [column.name]),
            columns: [column.name],
            deferrable: null,
        });
    }
}

/**
 * Two properties that map to one column, which TypeORM's synchronize() fails on ("duplicate column
 * name"): say, a naming strategy that turns both `userId` and the relation `user` into `user_id`.
 */
function rejectDuplicateColumns(entity: EntityMetadata): void {
    const seen = new Map<string, string>();
    for (const column of entity.columns.filter((c) => !c.isVirtualProperty)) {
        const other = seen.get(column.databaseName);
        if (other !== undefined) {
            throw new ConflictingMetadataError(
                `${entity.name}: ${other} and ${column.propertyPath} both map to column "${column.databaseName}" ` +
                    `(name the join column explicitly, or drop the separate column)`,
            );
        }
        seen.set(column.databaseName, column.propertyPath);
    }
}

/**
 * A column may name an enum type (`enumName`) without listing values: it uses the type another
 * column declares (synchronize() creates a type once, from the first column that names it).
 */
function addEnumType(enums: Map<string, EnumType>, enumType: EnumType, entityName: string): void {
    const key = JSON.stringify([enumType.schema, enumType.name]);
    const existing = enums.get(key);
    if (enumType.values.length === 0) {
        if (!existing) enums.set(key, enumType);
        return;
    }
    if (existing && existing.values.length > 0 && JSON.stringify(existing.values) !== JSON.stringify(enumType.values)) {
        throw new ConflictingMetadataError(
            `${entityName}: enum type "${enumType.name}" is declared with values [${enumType.values.join(", ")}] ` +
                `but elsewhere with [${existing.values.join(", ")}]`,
        );
    }
    enums.set(key, enumType);
}

/**
 * A column that names its enum type without values takes the values the type is declared with.
 * The list itself when no column does (its keyed map, made while merging, stays valid).
 */
function withDeclaredEnumValues(columns: Column[], enums: ReadonlyMap<string, EnumType>): Column[] {
    const takesValues = (column: Column) => column.enumName !== null && (column.enum === null || column.enum.length === 0);
    if (!columns.some(takesValues)) return columns;
    return columns.map((column) => {
        if (!takesValues(column)) return column;
        const declared = enums.get(JSON.stringify([column.schema, column.enumName]));
        return declared === undefined ? column : { ...column, enum: [...declared.values] };
    });
}

/**
 * synchronize() records views and generated columns in the data source's `metadataTableName`; the
 * model and the dialects know only TypeORM's default name, so another one is refused, not ignored.
 */
function rejectOwnMetadataTable(dataSource: DataSource, rows: readonly MetadataRow[]): void {
    const name = dataSource.options.metadataTableName;
    if (name === undefined || name === "typeorm_metadata" || rows.length === 0) return;
    throw new UnsupportedMetadataError(
        `metadataTableName "${name}" is not supported yet (views and generated columns are recorded in "typeorm_metadata"; ` +
            `${rows[0].type} ${rows[0].name} needs a row)`,
    );
}

/** Where the dialect has no schemas, TypeORM's driver leaves an entity's `schema` out of its table's name. */
function schemaOf(ctx: ReadContext, entity: EntityMetadata): string {
    return ctx.dialect.capabilities.supportsSchemas ? (entity.schema ?? ctx.defaultSchema) : "";
}

/**
 * SQLite reaches another database file through ATTACH, MySQL through a database-qualified name;
 * the model has no place for either, so such a table would silently land in the main database.
 */
function rejectOtherDatabase({ dataSource, dialect }: ReadContext, entity: EntityMetadata): void {
    if (!dialect.reading.otherDatabases || entity.database === undefined || entity.database === "") return;
    if (entity.database === (dataSource.options as { database?: unknown }).database) return;
    throw new UnsupportedMetadataError(`${entity.name}: tables in another database ("${entity.database}") are not supported`);
}

function readView(ctx: ReadContext, entity: EntityMetadata, parts: EntityRead): void {
    const { dataSource, dialect } = ctx;
    const expression = entity.expression;
    if (expression === undefined) throw new UnsupportedMetadataError(`${entity.name}: view entity has no expression`);
    // Elsewhere TypeORM makes (and records) a plain view.
    const materialized = dialect.reading.materializedViews && entity.tableMetadataArgs.materialized === true;
    const view: View = {
        schema: schemaOf(ctx, entity),
        name: entity.tableName,
        // As written: synchronize() sends the entity's text as it is (`AS \n  SELECT ...`), which SQLite keeps.
        expression: typeof expression === "string" ? expression : expression(dataSource).getQuery(),
        materialized,
        dependsOn: [...(entity.dependsOn ?? [])].map((dependency) => viewNameOf(dataSource, entity, dependency)).sort(),
    };
    parts.views.push(view);
    // synchronize() indexes a materialized view only (a plain view's @Index is left out, as it does),
    // never CONCURRENTLY, and leaves `synchronize: false` indexes alone.
    if (!materialized) return;
    const ref = { schema: view.schema, table: view.name };
    for (const index of entity.indices.filter((i) => i.synchronize !== false)) {
        parts.indexes.push({ ...toModelIndex(TableIndex.create(index), ref, entity), concurrent: false });
    }
}

function toModelIndex(i: TableIndex, ref: TableRef, entity: EntityMetadata): Index {
    return {
        schema: ref.schema,
        table: ref.table,
        name: requireName(i.name, entity, "index"),
        columns: [...i.columnNames],
        unique: i.isUnique === true,
        where: i.where ? i.where : null,
        type: i.type ?? null,
        spatial: i.isSpatial === true,
        fulltext: i.isFulltext === true,
        parser: i.parser ?? null,
        concurrent: i.isConcurrent === true,
        nullFiltered: i.isNullFiltered === true,
    };
}

/** What a view's `dependsOn` lists: entity classes (known by their name) or entity names. */
type ViewDependency = { readonly name: string } | string;

function viewNameOf(dataSource: DataSource, entity: EntityMetadata, dependency: ViewDependency): string {
    const target = dataSource.entityMetadatas.find((m) => m.target === dependency || m.name === dependency);
    if (!target) {
        const named = typeof dependency === "string" ? dependency : dependency.name;
        throw new UnsupportedMetadataError(`${entity.name}: dependsOn names ${named}, which is not an entity of this data source`);
    }
    return target.tableName;
}

function viewMetadataRow(view: View): MetadataRow {
    // TypeORM records the query trimmed.
    return { type: view.materialized ? "MATERIALIZED_VIEW" : "VIEW", schema: view.schema, table: "", name: view.name, value: view.expression.trim() };
}

const REFERENTIAL_ACTIONS: readonly string[] = ["CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION"] satisfies ReferentialAction[];

/**
 * TypeORM's OnDeleteType offers "DEFAULT", which it writes as is: `ON DELETE DEFAULT` is a syntax
 * error on every database, so synchronize() fails on it. Anything outside SQL's actions stops here.
 */
function referentialAction(action: string | undefined, clause: string, entity: EntityMetadata, columns: readonly string[]): ReferentialAction {
    const value = (action ?? "NO ACTION").toUpperCase();
    if (REFERENTIAL_ACTIONS.includes(value)) return value as ReferentialAction;
    const hint = value === "DEFAULT" ? ` (did you mean "SET DEFAULT"?)` : "";
    throw new UnsupportedMetadataError(`${entity.name}: the foreign key on (${columns.join(", ")}) has ${clause} "${action}", which is not SQL${hint}`);
}

function requireName(name: string | undefined, entity: EntityMetadata, what: string): string {
    if (!name) throw new UnsupportedMetadataError(`${entity.name}: a ${what} has no name`);
    return name;
}
