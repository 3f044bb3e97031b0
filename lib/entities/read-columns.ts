import type { DataSource, EntityMetadata, TableColumnOptions } from "typeorm";
import type { Column, Dialect, GenerationStrategy, IdentityKind } from "../schema/model";
import { columnLength, uuidGenerator } from "../typeorm";
import { UnsupportedMetadataError } from "./errors";

export interface ColumnContext {
    readonly dataSource: DataSource;
    readonly dialect: Dialect;
    readonly entity: EntityMetadata;
    readonly schema: string;
    readonly table: string;
}

/** One column as TypeORM's `TableUtils.createTableColumnOptions` normalized it, in model form. */
export function toModelColumn(options: TableColumnOptions, ctx: ColumnContext): Column {
    const where = `${ctx.entity.name}.${options.name}`;
    const generated = generationOf(options, where);
    return {
        schema: ctx.schema,
        table: ctx.table,
        name: options.name,
        type: String(options.type),
        length: columnLength(ctx.dataSource, options),
        precision: options.precision ?? null,
        scale: options.scale ?? null,
        nullable: options.isNullable === true,
        default: defaultOf(options, generated, ctx),
        generated,
        identity: generated === "identity" ? identityOf(options) : null,
        asExpression: options.asExpression ?? null,
        generatedType: options.asExpression ? (options.generatedType ?? "VIRTUAL") : null,
        enum: options.enum ? [...options.enum] : null,
        enumName: ctx.dialect === "postgres" && isEnumType(options.type) ? enumTypeName(options, ctx.table) : null,
        array: options.isArray === true,
        comment: options.comment ?? null,
        collation: options.collation ?? null,
        charset: options.charset ?? null,
        unsigned: options.unsigned === true,
        onUpdate: options.onUpdate ?? null,
        spatialFeatureType: options.spatialFeatureType ?? null,
        srid: options.srid ?? null,
        primary: options.isPrimary === true,
    };
}

export function isEnumType(type: unknown): boolean {
    return type === "enum" || type === "simple-enum";
}

/** PostgreSQL names an enum type after its table and column unless `enumName` says otherwise. */
export function enumTypeName(options: TableColumnOptions, table: string): string {
    return options.enumName ?? `${table}_${options.name.toLowerCase()}_enum`;
}

function generationOf(options: TableColumnOptions, where: string): GenerationStrategy | null {
    if (!options.isGenerated) return null;
    const strategy = options.generationStrategy ?? "increment";
    if (strategy === "increment" || strategy === "uuid" || strategy === "rowid" || strategy === "identity") return strategy;
    throw new UnsupportedMetadataError(`${where}: generation strategy "${strategy}" is not supported`);
}

function identityOf(options: TableColumnOptions): IdentityKind {
    // PostgreSQL's query runner writes BY DEFAULT when the entity does not say.
    return options.generatedIdentity === "ALWAYS" ? "ALWAYS" : "BY DEFAULT";
}

function defaultOf(options: TableColumnOptions, generated: GenerationStrategy | null, ctx: ColumnContext): string | null {
    if (options.default !== undefined && options.default !== null) return escapedStringDefault(options, ctx) ?? String(options.default);
    // PostgreSQL's query runner adds the uuid generator as the column default at CREATE time.
    if (generated === "uuid" && ctx.dialect === "postgres") {
        return uuidGenerator(ctx.dataSource);
    }
    return null;
}

/**
 * TypeORM wraps a string default in quotes without doubling the quotes inside (`'it's'`), which is
 * broken SQL that its own synchronize() fails on. Doubling them keeps the value the entity means.
 * On MySQL a backslash in a string literal is an escape (`'C:\path'` stores `C:path`), so it is
 * doubled there too: the default is the entity's value, where synchronize() would store another.
 */
function escapedStringDefault(options: TableColumnOptions, ctx: ColumnContext): string | null {
    const raw = ctx.entity.columns.find((c) => c.databaseName === options.name)?.default as unknown;
    if (typeof raw !== "string" || options.default !== `'${raw}'`) return null;
    const backslashes = ctx.dialect === "mysql" && raw.includes("\\");
    if (!raw.includes("'") && !backslashes) return null;
    const escaped = backslashes ? raw.replaceAll("\\", "\\\\") : raw;
    return `'${escaped.replaceAll("'", "''")}'`;
}
