import { DataSource, getMetadataArgsStorage } from "typeorm";
import { ForeignTypeormCopyError } from "./errors";
import { withIndexedMetadataArgs } from "./indexed-metadata-args";
import { typeormLocation, typeormMajor, typeormVersion } from "./version";

/** The server a data source that never connects is assumed to talk to. */
export interface AssumedServer {
    readonly version: string;
    /** PostgreSQL: the current schema (what `getCurrentSchema()` would answer). */
    readonly schema?: string;
}

type DriverFields = Record<string, unknown>;

/**
 * Sets the driver fields TypeORM's `connect()` / `afterConnect()` would set from the live server
 * (the same names in 0.3 and 1.x), so its version-dependent choices follow `server`. Fields already
 * set (a data source that did connect) are kept, except the ones derived from the version.
 */
export function assumeConnectedServer(dataSource: DataSource, server: AssumedServer): void {
    const driver = driverFields(dataSource);
    driver.version ??= server.version;
    const version = String(driver.version);
    if (dataSource.options.type === "postgres") {
        driver.schema ??= server.schema;
        driver.searchSchema ??= server.schema;
        // PostgresDriver.afterConnect: generated columns need 12+.
        driver.isGeneratedColumnsSupported = versionAtLeast(version, [12]);
    }
    if (dataSource.options.type === "mariadb") {
        // MysqlDriver.connect (0.3.16+): MariaDB 10.7 has a native uuid type, used instead of varchar(36). Spelled as TypeORM spells it.
        driver.uuidColumnTypeSuported = versionAtLeast(version, [10, 7, 0]);
    }
}

/**
 * Builds the entity metadata of a data source that is not connected (what `initialize()` does first),
 * unless it has some. True when it built them: `releaseEntityMetadata` then gives them back.
 */
export async function buildMetadataOffline(dataSource: DataSource): Promise<boolean> {
    if (hasEntityMetadata(dataSource)) return false;
    await withIndexedMetadataArgs(() => (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas());
    return true;
}

/** Whether a data source has its entity metadata (it was initialized, or they were built): a read then uses them as they are. */
export function hasEntityMetadata(dataSource: DataSource): boolean {
    driverFields(dataSource);
    return dataSource.isInitialized || dataSource.entityMetadatas.length > 0;
}

/** How many entities a data source lists, counting for its globs the decorated classes loaded (an estimate, before the build). */
/** Whether a data source lists entities by file globs, which only its metadata build imports. */
export function listsEntityGlobs(dataSource: DataSource): boolean {
    const listed = dataSource.options.entities ?? [];
    return (Array.isArray(listed) ? listed : Object.values(listed)).some((entry) => typeof entry === "string");
}

export function listedEntityCount(dataSource: DataSource): number {
    const listed = dataSource.options.entities ?? [];
    const entries: unknown[] = Array.isArray(listed) ? listed : Object.values(listed);
    const globs = entries.filter((entry) => typeof entry === "string").length;
    return entries.length - globs + (globs > 0 ? getMetadataArgsStorage().tables.length : 0);
}

/**
 * Leaves a data source without the entity metadata `buildMetadataOffline` built, as it was before: at
 * 1,000 entities TypeORM's metadata outweighs the schema read from it. `initialize()` builds its own.
 */
export function releaseEntityMetadata(dataSource: DataSource): void {
    Object.assign(dataSource, { entityMetadatas: [], entityMetadatasMap: new Map() });
}

/**
 * Changes a data source's connection options before it connects. `setOptions()` alone does not
 * reach MySQL's driver, which keeps its own copy of the options (its pool is made from that copy).
 */
export function setConnectionOptions(dataSource: DataSource, options: Partial<DataSource["options"]>): void {
    dataSource.setOptions(options);
    const driverOptions = driverFields(dataSource).options;
    if (typeof driverOptions === "object" && driverOptions !== null && driverOptions !== dataSource.options) Object.assign(driverOptions, options);
}

/** PostgreSQL's current schema as the driver knows it (from the server on connect, or assumed), else undefined. */
export function driverSchema(dataSource: DataSource): string | undefined {
    const schema = driverFields(dataSource).schema;
    return typeof schema === "string" ? schema : undefined;
}

/** The expression PostgreSQL's query runner writes as a generated uuid column's default (uuid-ossp or pgcrypto). */
export function uuidGenerator(dataSource: DataSource): string {
    return String(driverFields(dataSource).uuidGenerator);
}

/** What PostgresDriver.afterConnect checks the entities for before installing extensions; older releases lack some flags. */
export interface ExtensionNeeds {
    readonly hasUuidColumns: boolean;
    readonly hasCitextColumns: boolean;
    readonly hasHstoreColumns: boolean;
    readonly hasCubeColumns: boolean;
    readonly hasGeometryColumns: boolean;
    readonly hasLtreeColumns: boolean;
    readonly hasVectorColumns?: boolean;
    readonly hasExclusionConstraints: boolean;
}

export async function extensionNeeds(dataSource: DataSource): Promise<ExtensionNeeds> {
    const driver = driverFields(dataSource) as { checkMetadataForExtensions(): Promise<ExtensionNeeds> };
    return driver.checkMetadataForExtensions();
}

/**
 * The driver of a data source made by the TypeORM copy this tool loads. A data source from another
 * copy (npm nesting a second TypeORM under this package) would be read with the wrong copy's rules.
 */
function driverFields(dataSource: DataSource): DriverFields {
    typeormMajor();
    if (!(dataSource instanceof DataSource)) {
        throw new ForeignTypeormCopyError(
            `the data source was made by another TypeORM copy than the one typeorm-migrate loads (${typeormVersion()} in ${typeormLocation()}); install a single typeorm in the application`,
        );
    }
    return dataSource.driver as unknown as DriverFields;
}

function versionAtLeast(version: string, target: readonly number[]): boolean {
    const parts = version.split(".").map((part) => Number.parseInt(part, 10) || 0);
    for (let i = 0; i < target.length; i++) {
        const part = parts[i] ?? 0;
        if (part !== target[i]) return part > target[i];
    }
    return true;
}
