/**
 * A column default as PostgreSQL stores it (`pg_get_expr`), spelled as TypeORM writes it:
 * - a literal loses the cast PostgreSQL adds (`'draft'::character varying`, `'{}'::jsonb`,
 *   `'x'::"app"."mood_enum"`), since TypeORM writes the bare literal;
 * - a number of an `integer` column is quoted (`0` and `'-1'::integer` read as `'0'` and `'-1'`):
 *   TypeORM's PostgresDriver.normalizeDefault writes numbers as string literals, and PostgreSQL
 *   keeps `'0'` as `0` for an integer only. Another type keeps `'0'` as `'0'::numeric`, so a bare
 *   number there was written bare (by hand) and stays bare: a database built from the model then
 *   holds the same default;
 * - anything else (`now()`, `CURRENT_TIMESTAMP`, `uuid_generate_v4()`, `true`) is kept as stored.
 */
export function typeormDefault(stored: string | null, type: string): string | null {
    if (stored === null) return null;
    const literal = castLiteral(stored);
    if (literal !== null) return literal;
    if (type === "integer" && /^-?\d+(\.\d+)?$/.test(stored)) return `'${stored}'`;
    return stored;
}

const QUOTED = String.raw`'(?:[^']|'')*'`;
// A type name as pg_get_expr writes it: words, quoted identifiers, schema dots, modifiers and [].
const TYPE = String.raw`(?:"(?:[^"]|"")*"|[A-Za-z_][\w$]*)(?:\.(?:"(?:[^"]|"")*"|[A-Za-z_][\w$]*))*(?: [a-z]+)*(?:\(\d+(?:,\s*\d+)?\))?(?:\[\])*`;
const CAST_LITERAL = new RegExp(`^(E?${QUOTED})(?:::${TYPE})+$`);

function castLiteral(stored: string): string | null {
    const match = CAST_LITERAL.exec(stored);
    return match === null ? null : match[1];
}

/** A `nextval(...)` default is the sequence of a serial column, not a default of the entity's. */
export function isSequenceDefault(stored: string | null): boolean {
    return stored !== null && /^nextval\(/.test(stored);
}
