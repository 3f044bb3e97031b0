import type { Column } from "../../schema/model";
import type { EmitContext, Statement } from "../dialect";
import { addGenerationSql, dropGenerationSql } from "./alter-column-generation";
import { retypeSql, typeChanges } from "./alter-column-type";
import { alterColumnSql, backfillSql } from "./columns";
import { aroundComputedReaders } from "./computed-dependents";
import { effectiveDefault, setColumnCommentSql } from "./column-sql";
import { isEnumColumn } from "./column-type";
import { commentLiteral } from "./quote";
import { dropPredicatesSql, noPredicates, predicatesMentioning, restorePredicatesSql } from "./predicates";
import { emitRegenerateColumn, needsRegeneration } from "./regenerate-column";
import { onlineOn, onlineSetNotNull } from "./online";

/**
 * Changes a column in place, keeping its rows: computed → plain, old generation off, type and
 * collation (around the computed columns reading it), NULL-ability, default, new generation on,
 * comment. An enum column's values are the enum type's business (alterEnum); only a change of the
 * type it uses is written here.
 */
export function emitAlterColumn(before: Column, after: Column, ctx: EmitContext, backfill: string | null = null): Statement[] {
    if (needsRegeneration(before, after)) return emitRegenerateColumn(before, after, ctx);
    const computed = before.asExpression !== null;
    const plain: Column = computed ? { ...before, asExpression: null, generatedType: null } : before;
    const typeSql = retypeWithDefault(plain, after, ctx);
    const statements = (sql: string[]) => sql.map((text) => ({ sql: text }));
    return [
        ...statements([
            ...(computed ? [alterColumnSql(before, "DROP EXPRESSION")] : []),
            ...dropGenerationSql(plain, after),
            ...(retypeSql(plain, after).length > 0 ? aroundComputedReaders([plain], ctx, typeSql) : typeSql),
        ]),
        ...nullability(plain, after, backfill, ctx),
        ...statements([
            ...addGenerationSql(plain, after),
            ...(commentLiteral(before.comment) === commentLiteral(after.comment) ? [] : [setColumnCommentSql(after)]),
        ]),
    ];
}

/**
 * A default is dropped before a type change and set again after it: the old default may not cast
 * to the new type (`'draft'::character varying` to an enum). So are the predicates of an enum
 * column leaving its type (see predicates.ts).
 */
function retypeWithDefault(before: Column, after: Column, ctx: EmitContext): string[] {
    const retyped = typeChanges(before, after);
    const oldDefault = effectiveDefault(before, () => ctx.before);
    const newDefault = effectiveDefault(after, () => ctx.after);
    const cleared = oldDefault !== null && retyped;
    const setDefault = newDefault !== null && (cleared || newDefault !== oldDefault);
    const dropDefault = newDefault === null && oldDefault !== null && !cleared;
    const predicates = retyped && isEnumColumn(before) ? predicatesMentioning(ctx.before, [before]) : noPredicates;
    return [
        ...(cleared ? [alterColumnSql(before, "DROP DEFAULT")] : []),
        ...dropPredicatesSql(predicates),
        ...retypeSql(before, after),
        ...restorePredicatesSql(predicates),
        ...(setDefault ? [alterColumnSql(after, `SET DEFAULT ${newDefault}`)] : []),
        ...(dropDefault ? [alterColumnSql(after, "DROP DEFAULT")] : []),
    ];
}

/**
 * NOT NULL comes after the rows holding NULL got their backfill (the default, or the user's value);
 * online, on a table the migration did not create, through a validated check (see `onlineSetNotNull`).
 */
function nullability(before: Column, after: Column, backfill: string | null, ctx: EmitContext): Statement[] {
    if (before.nullable === after.nullable) return [];
    const fill: Statement[] = backfill === null ? [] : [{ sql: backfillSql(after, backfill, "nulls") }];
    if (!after.nullable && onlineOn(after, ctx)) return [...fill, ...onlineSetNotNull(after)];
    return [...fill, { sql: alterColumnSql(after, after.nullable ? "DROP NOT NULL" : "SET NOT NULL") }];
}
