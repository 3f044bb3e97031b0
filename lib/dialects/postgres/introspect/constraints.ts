import type { Check, Exclusion, ForeignKey, PrimaryKey, ReferentialAction, Unique } from "../../../schema/model";
import { IntrospectionError } from "../../../catalog/errors";
import type { ConstraintRow } from "./catalog-sql";

export interface PostgresConstraints {
    readonly primaryKeys: PrimaryKey[];
    readonly uniques: Unique[];
    readonly foreignKeys: ForeignKey[];
    readonly checks: Check[];
    readonly exclusions: Exclusion[];
}

const ACTIONS: Readonly<Record<string, ReferentialAction>> = {
    a: "NO ACTION",
    r: "RESTRICT",
    c: "CASCADE",
    n: "SET NULL",
    d: "SET DEFAULT",
};

/**
 * Constraints by kind. Expressions are as the server keeps them (`pg_get_constraintdef` without
 * the keyword around them); the entity's own spelling is recovered later when it is the same
 * constraint (see spellings.ts).
 */
export function toConstraints(rows: readonly ConstraintRow[]): PostgresConstraints {
    const result: PostgresConstraints = { primaryKeys: [], uniques: [], foreignKeys: [], checks: [], exclusions: [] };
    for (const row of rows) {
        const ref = { schema: String(row.schema), table: String(row.table), name: String(row.name) };
        const deferrable = deferrableOf(row);
        switch (row.type) {
            case "p":
                result.primaryKeys.push({ ...ref, columns: [...row.columns] });
                break;
            case "u":
                result.uniques.push({ ...ref, columns: [...row.columns], deferrable });
                break;
            case "c":
                result.checks.push({ ...ref, expression: checkExpression(String(row.definition)) });
                break;
            case "x":
                result.exclusions.push({ ...ref, expression: exclusionExpression(String(row.definition)), deferrable });
                break;
            case "f":
                result.foreignKeys.push({
                    ...ref,
                    columns: [...row.columns],
                    referencedSchema: String(row.referencedSchema),
                    referencedTable: String(row.referencedTable),
                    referencedColumns: [...row.referencedColumns],
                    onDelete: action(row.onDelete, ref.name),
                    onUpdate: action(row.onUpdate, ref.name),
                    deferrable,
                });
                break;
            default:
                throw new IntrospectionError(`constraint ${ref.name} on ${ref.table} has unexpected type ${String(row.type)}`);
        }
    }
    return result;
}

function deferrableOf(row: ConstraintRow): string | null {
    if (row.deferrable !== true) return null;
    return row.deferred === true ? "INITIALLY DEFERRED" : "INITIALLY IMMEDIATE";
}

function action(code: unknown, name: string): ReferentialAction {
    const value = ACTIONS[String(code)];
    if (value === undefined) throw new IntrospectionError(`foreign key ${name} has an unknown referential action ${String(code)}`);
    return value;
}

/** `CHECK ((a > 0))` → `(a > 0)`; a NOT VALID marker is not part of the expression. */
export function checkExpression(definition: string): string {
    const body = definition.replace(/ NOT VALID$/, "");
    const match = /^CHECK \(([\s\S]*)\)( NO INHERIT)?$/.exec(body);
    return match === null ? body : match[1];
}

/** `EXCLUDE USING gist (room WITH =) DEFERRABLE INITIALLY DEFERRED` → `USING gist (room WITH =)`. */
export function exclusionExpression(definition: string): string {
    return definition
        .replace(/^EXCLUDE /, "")
        .replace(/ DEFERRABLE( INITIALLY (DEFERRED|IMMEDIATE))?$/, "")
        .replace(/ NOT VALID$/, "");
}
