import type { Column, EnumType, IdentityKind } from "../../../schema/model";
import { memberKey, namedKey } from "../../../schema/keys";
import type { ColumnRow } from "./catalog-sql";
import { columnType } from "./column-type";
import { isSequenceDefault, typeormDefault } from "./defaults";

export interface ColumnSources {
    readonly enums: readonly EnumType[];
    readonly primaryColumns: ReadonlySet<string>;
}

const IDENTITY_KINDS: Readonly<Record<string, IdentityKind>> = { a: "ALWAYS", d: "BY DEFAULT" };

/**
 * One column in model form. How it is generated comes from the catalog: an identity column from
 * `attidentity`, a serial one from the sequence it owns (SERIAL's `nextval` default is not the
 * entity's), a computed one from `attgenerated`. Expressions are the server's spelling here
 * (spellings.ts recovers the entity's); a uuid default is a plain default (see reference.ts).
 */
export function toColumn(row: ColumnRow, sources: ColumnSources): Column {
    const ref = { schema: String(row.schema), table: String(row.table), name: String(row.name) };
    const type = columnType(row);
    const identity = IDENTITY_KINDS[String(row.identity)] ?? null;
    const serial = row.ownsSequence === true && isSequenceDefault(row.default);
    const computed = row.generated === "s";
    const enumValues =
        type.enumName === null
            ? null
            : (sources.enums.find((e) => namedKey(e) === namedKey({ schema: String(row.typeSchema), name: type.enumName as string }))?.values ?? []);
    return {
        ...ref,
        ...type,
        nullable: row.notNull !== true,
        default: identity !== null || serial || computed ? null : typeormDefault(row.default, type.type),
        generated: identity !== null ? "identity" : serial ? "increment" : null,
        identity,
        asExpression: computed ? String(row.default) : null,
        generatedType: computed ? "STORED" : null,
        enum: enumValues === null ? null : [...enumValues],
        array: row.isArray === true,
        comment: row.comment ?? null,
        collation: row.collation ?? null,
        charset: null,
        unsigned: false,
        onUpdate: null,
        primary: sources.primaryColumns.has(memberKey(ref)),
    };
}
