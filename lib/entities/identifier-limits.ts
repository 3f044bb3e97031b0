import type { EntityMetadata } from "typeorm";
import type { DialectReading, NameKind } from "../dialects/reading";
import type { Schema } from "../schema/model";
import { IdentifierLimitError } from "./errors";

interface Named {
    readonly kind: NameKind;
    readonly schema: string;
    readonly table: string;
    readonly name: string;
}

/**
 * Refuses, naming the entity and property, a name the database would not keep as TypeORM gives
 * it where `synchronize()` has no defined result: on MySQL/MariaDB any name over 64 characters; on
 * PostgreSQL two names that become one when cut to 63 bytes (two columns of a table, say). A
 * single long name on PostgreSQL passes: the server cuts it in the migration as in synchronize().
 */
export function rejectOverLongNames(schema: Schema, entities: readonly EntityMetadata[], reading: DialectReading): void {
    const limit = reading.identifierLimit;
    if (limit === null) return;
    const length = (name: string) => (limit.unit === "bytes" ? Buffer.byteLength(name, "utf8") : [...name].length);
    // A UTF-16 code unit is at most 3 bytes of UTF-8 (a pair is 4) and at most one character.
    const overLong = (name: string) => name.length * (limit.unit === "bytes" ? 3 : 1) > limit.max && length(name) > limit.max;
    // Names within the limit are kept whole and pass: the names are listed only when one is over it.
    if (!nameLists(schema).some(([kind, list]) => !limit.unseen.includes(kind) && list.some((entry) => overLong(nameOf(kind, entry))))) return;
    const names = namesOf(schema).filter((n) => !limit.unseen.includes(n.kind));
    if (limit.overLong === "refused") {
        const tooLong = names.find((n) => overLong(n.name));
        if (tooLong) {
            throw new IdentifierLimitError(
                `${whose(tooLong, entities, reading)}: ${label(tooLong.kind)} "${tooLong.name}" is ${length(tooLong.name)} ${limit.unit} long; ` +
                    `${limit.server} allow ${limit.max}: give it a shorter name`,
            );
        }
        return;
    }
    const seen = new Map<string, Named>();
    for (const named of names) {
        for (const scope of limit.scopes[named.kind]) {
            const key = [scope, named.schema, scope === "constraints" || scope === "columns" ? named.table : "", limit.cut(named.name)].join("\u0000");
            const earlier = seen.get(key);
            if (earlier && earlier.name !== named.name) {
                const [long, other] = length(named.name) > limit.max ? [named, earlier] : [earlier, named];
                throw new IdentifierLimitError(
                    `${whose(long, entities, reading)}: ${label(long.kind)} "${long.name}" is ${length(long.name)} ${limit.unit} long; ${limit.server} ` +
                        `keeps its first ${limit.max} ("${limit.cut(long.name)}"), the same as of the ${label(other.kind)} "${other.name}" of ` +
                        `${whose(other, entities, reading)}: give one of them a shorter name`,
                );
            }
            if (!earlier) seen.set(key, named);
        }
    }
}

/** An entry of the schema that carries a name: a table its `table`, the rest their `name` (a view's is its table's too). */
interface NamedEntry {
    readonly schema: string;
    readonly table?: string;
    readonly name?: string;
}

function nameLists(schema: Schema): readonly (readonly [NameKind, readonly NamedEntry[]])[] {
    return [
        ["table", schema.tables],
        ["view", schema.views],
        ["enum", schema.enums],
        ["column", schema.columns],
        ["primaryKey", schema.primaryKeys],
        ["index", schema.indexes],
        ["unique", schema.uniques],
        ["foreignKey", schema.foreignKeys],
        ["check", schema.checks],
        ["exclusion", schema.exclusions],
    ];
}

function nameOf(kind: NameKind, entry: NamedEntry): string {
    return String(kind === "table" ? entry.table : entry.name);
}

function namesOf(schema: Schema): Named[] {
    return nameLists(schema).flatMap(([kind, list]) =>
        list.map((entry): Named => {
            const name = nameOf(kind, entry);
            const table = kind === "table" || kind === "view" ? name : kind === "enum" ? "" : String(entry.table);
            return { kind, schema: entry.schema, table, name };
        }),
    );
}

function label(kind: NameKind): string {
    const labels: Record<NameKind, string> = {
        table: "table name",
        view: "view name",
        column: "column name",
        index: "index name",
        primaryKey: "primary key name",
        unique: "unique constraint name",
        foreignKey: "foreign key name",
        check: "check constraint name",
        exclusion: "exclusion constraint name",
        enum: "enum type name",
    };
    return labels[kind];
}

/** `Entity.property` (or `Entity`) that declares a name, from TypeORM's metadata. */
function whose(named: Named, entities: readonly EntityMetadata[], reading: DialectReading): string {
    const onTable = entities.filter((e) => e.tableName === named.table && e.tableType !== "entity-child");
    const owner = onTable[0] ?? entities.find((e) => e.columns.some((c) => c.enumName === named.name));
    if (!owner) return `"${named.table || named.name}"`;
    const properties = (columns: readonly { propertyPath: string }[]) => (columns.length > 0 ? `.${columns.map((c) => c.propertyPath).join("+")}` : "");
    for (const entity of onTable.length > 0 ? onTable : [owner]) {
        const found = propertiesNaming(entity, named, reading);
        if (found !== null) return `${entity.name}${properties(found)}`;
    }
    return owner.name;
}

function propertiesNaming(entity: EntityMetadata, named: Named, reading: DialectReading): readonly { propertyPath: string }[] | null {
    switch (named.kind) {
        case "table":
        case "view":
            return [];
        case "column": {
            const c = entity.columns.find((col) => col.databaseName === named.name);
            return c ? [c] : null;
        }
        case "index":
            return entity.indices.find((i) => i.name === named.name)?.columns ?? null;
        case "unique":
            return entity.uniques.find((u) => u.name === named.name)?.columns ?? null;
        case "foreignKey": {
            const fk = entity.foreignKeys.find((f) => f.name === named.name);
            if (!fk) return null;
            return [...new Set(fk.columns.map((c) => c.relationMetadata?.propertyPath ?? c.propertyPath))].map((propertyPath) => ({ propertyPath }));
        }
        case "check":
            return entity.checks.some((c) => c.name === named.name) ? [] : null;
        case "exclusion":
            return entity.exclusions.some((x) => x.name === named.name) ? [] : null;
        case "primaryKey":
            return entity.primaryColumns;
        case "enum": {
            const c = entity.columns.filter(
                (col) => col.enumName === named.name || reading.enumTypeName(entity.tableName, { name: col.databaseName }) === named.name,
            );
            return c.length > 0 ? c : null;
        }
    }
}
