import type { DataSource, EntityMetadata, TableColumnOptions } from "typeorm";
import type { DialectReading } from "../dialects/reading";
import type { Column, GenerationStrategy, IdentityKind } from "../schema/model";
import { columnLength } from "../typeorm";
import { UnsupportedMetadataError } from "./errors";

export interface ColumnContext {
    readonly dataSource: DataSource;
    readonly reading: DialectReading;
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
        enumName: isEnumType(options.type) ? ctx.reading.enumTypeName(ctx.table, options) : null,
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

function isEnumType(type: unknown): boolean {
    return type === "enum" || type === "simple-enum";
}

const GENERATION_STRATEGIES: readonly string[] = ["increment", "uuid", "rowid", "identity"] satisfies GenerationStrategy[];

function generationOf(options: TableColumnOptions, where: string): GenerationStrategy | null {
    if (!options.isGenerated) return null;
    const strategy: string = options.generationStrategy ?? "increment";
    if (GENERATION_STRATEGIES.includes(strategy)) return strategy as GenerationStrategy;
    throw new UnsupportedMetadataError(`${where}: generation strategy "${strategy}" is not supported`);
}

function identityOf(options: TableColumnOptions): IdentityKind {
    // PostgreSQL's query runner writes BY DEFAULT when the entity does not say.
    return options.generatedIdentity === "ALWAYS" ? "ALWAYS" : "BY DEFAULT";
}

function defaultOf(options: TableColumnOptions, generated: GenerationStrategy | null, ctx: ColumnContext): string | null {
    if (options.default !== undefined && options.default !== null) return escapedStringDefault(options, ctx) ?? String(options.default);
    return generated === "uuid" ? ctx.reading.uuidDefault(ctx.dataSource) : null;
}

/**
 * TypeORM wraps a string default in quotes without doubling the quotes inside (`'it's'`), which is
 * broken SQL that its own synchronize() fails on. Doubling them keeps the value the entity means.
 * Where a backslash in a string literal is an escape (MySQL: `'C:\path'` stores `C:path`), it is
 * doubled too: the default is the entity's value, where synchronize() would store another.
 */
function escapedStringDefault(options: TableColumnOptions, ctx: ColumnContext): string | null {
    const raw: unknown = ctx.entity.columns.find((c) => c.databaseName === options.name)?.default;
    if (typeof raw !== "string" || options.default !== `'${raw}'`) return null;
    const backslashes = ctx.reading.backslashEscapes && raw.includes("\\");
    if (!raw.includes("'") && !backslashes) return null;
    const escaped = backslashes ? raw.replaceAll("\\", "\\\\") : raw;
    return `'${escaped.replaceAll("'", "''")}'`;
}
