import type { ReferentialAction } from "../../schema/model";
import { UnsupportedPostgresSchemaError } from "./errors";
import { quoteIdentifier } from "./quote";

// Type names, index methods and constraint options are SQL keywords, not identifiers: quoting
// `"character varying"` would name a type that does not exist. They are checked instead.

const TYPE_NAME = /^[A-Za-z_][A-Za-z0-9_]*( [A-Za-z_][A-Za-z0-9_]*)*$/;
const DIGITS = /^[0-9]+$/;
const BARE_WORD = /^[a-z_][a-z0-9_]*$/;

/** A built-in or extension type name as TypeORM spells it (`character varying`, `timestamp with time zone`, `citext`). */
export function typeWord(type: string): string {
    if (!TYPE_NAME.test(type)) throw new UnsupportedPostgresSchemaError(`column type ${JSON.stringify(type)} is not a plain type name`);
    return type;
}

/** A length, precision, scale or SRID. */
export function numberWord(value: string | number, what: string): string {
    const text = String(value);
    if (!DIGITS.test(text)) throw new UnsupportedPostgresSchemaError(`${what} ${JSON.stringify(text)} is not a whole number`);
    return text;
}

/** A PostGIS feature type (`Point`, `MultiPolygonZM`). */
export function featureTypeWord(value: string): string {
    if (!/^[A-Za-z]+$/.test(value)) throw new UnsupportedPostgresSchemaError(`spatial feature type ${JSON.stringify(value)} is not a plain word`);
    return value;
}

/** An index access method (`btree`, `gin`, `gist`); anything unusual is quoted as the identifier it is. */
export function indexMethodWord(method: string): string {
    return BARE_WORD.test(method) ? method : quoteIdentifier(method);
}

const DEFERRABLE = ["INITIALLY IMMEDIATE", "INITIALLY DEFERRED"] as const;

/** ` DEFERRABLE INITIALLY ...` for a deferrable constraint, `""` for none. */
export function deferrableClause(deferrable: string | null): string {
    if (deferrable === null) return "";
    const normalized = deferrable.trim().toUpperCase().replace(/\s+/g, " ");
    if (!(DEFERRABLE as readonly string[]).includes(normalized)) {
        throw new UnsupportedPostgresSchemaError(`deferrable ${JSON.stringify(deferrable)} is not one of ${DEFERRABLE.join(", ")}`);
    }
    return ` DEFERRABLE ${normalized}`;
}

const ACTIONS: readonly ReferentialAction[] = ["CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION"];

export function referentialActionWord(action: ReferentialAction): string {
    if (!ACTIONS.includes(action)) throw new UnsupportedPostgresSchemaError(`referential action ${JSON.stringify(action)} is unknown`);
    return action;
}

/** `ALWAYS` or `BY DEFAULT` (TypeORM's default when the entity does not say). */
export function identityKindWord(kind: string | null): string {
    if (kind === null) return "BY DEFAULT";
    if (kind !== "ALWAYS" && kind !== "BY DEFAULT") throw new UnsupportedPostgresSchemaError(`identity kind ${JSON.stringify(kind)} is unknown`);
    return kind;
}

/** `STORED` (TypeORM allows no other on PostgreSQL) or `VIRTUAL` (PostgreSQL 18). */
export function generatedTypeWord(kind: string | null): string {
    if (kind === null) return "STORED";
    if (kind !== "STORED" && kind !== "VIRTUAL") throw new UnsupportedPostgresSchemaError(`generated column kind ${JSON.stringify(kind)} is unknown`);
    return kind;
}
