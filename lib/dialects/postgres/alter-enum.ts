import { onlyAddsValues } from "../../diff/compare";
import type { Column, EnumType, Schema } from "../../schema/model";
import { memberKey } from "../../schema/keys";
import type { EmitContext, Statement } from "../dialect";
import { alterColumnSql } from "./columns";
import { aroundComputedReaders } from "./computed-dependents";
import { columnTypeSql, enumTypeName, isEnumColumn } from "./column-type";
import { createEnumSql, enumTypeSql } from "./enums";
import { dropPredicatesSql, predicatesMentioning, restorePredicatesSql } from "./predicates";
import { quoteIdentifier, quoteLiteral } from "./quote";

/**
 * Changes an enum type's values so that its order equals a fresh `CREATE TYPE`.
 *
 * Values only added: `ALTER TYPE ... ADD VALUE 'x' BEFORE|AFTER 'y'`, cheap and without rewriting
 * a table. Since PostgreSQL 12 that runs inside a transaction, but a value added there cannot be
 * used before the transaction commits ("unsafe use of new value"). So when this migration itself
 * uses a new value (a default, a CHECK, an index predicate or a view names it, or a column is
 * converted to the type, its rows possibly holding it) the type is rebuilt instead, which is
 * transactional throughout. Values removed or reordered: always rebuilt.
 */
export function emitAlterEnum(before: EnumType, after: EnumType, ctx: EmitContext): Statement[] {
    const added = after.values.filter((value) => !before.values.includes(value));
    const canAdd = onlyAddsValues(before, after) && before.values.length > 0 && !usesAnyValue(added, after, ctx);
    const sql = canAdd ? addValuesSql(before, after) : rebuildSql(before, after, ctx);
    return sql.map((text) => ({ sql: text }));
}

/** Each new value goes right after its predecessor in `after`, or before the first old value. */
function addValuesSql(before: EnumType, after: EnumType): string[] {
    return after.values.flatMap((value, i) => {
        if (before.values.includes(value)) return [];
        const position = i === 0 ? `BEFORE ${quoteLiteral(before.values[0])}` : `AFTER ${quoteLiteral(after.values[i - 1])}`;
        return [`ALTER TYPE ${enumTypeSql(after)} ADD VALUE ${quoteLiteral(value)} ${position}`];
    });
}

/**
 * Renames the old type away, creates the new one, moves every column using it over through text
 * (dropping and restoring its default and the predicates naming it, which are typed with the old
 * type, and the computed columns reading it), drops the old type.
 * A row holding a removed value makes the cast fail, and the migration with it.
 */
function rebuildSql(before: EnumType, after: EnumType, ctx: EmitContext): string[] {
    const schema = ctx.before;
    const old: EnumType = { ...before, name: spareName(`${before.name}_old`, before.schema, schema) };
    const columns = columnsOf(before, schema);
    const predicates = predicatesMentioning(schema, columns);
    return [
        `ALTER TYPE ${enumTypeSql(before)} RENAME TO ${quoteIdentifier(old.name)}`,
        createEnumSql(after),
        ...dropPredicatesSql(predicates),
        ...aroundComputedReaders(columns, ctx, columns.flatMap(moveColumnSql)),
        ...restorePredicatesSql(predicates),
        `DROP TYPE ${enumTypeSql(old)}`,
    ];
}

/** `<name>_old`, as TypeORM names it, unless the model already has a type of that name. */
function spareName(wanted: string, schemaName: string, schema: Schema): string {
    const taken = new Set(schema.enums.filter((e) => e.schema === schemaName).map((e) => e.name));
    let name = wanted;
    for (let n = 1; taken.has(name); n++) name = `${wanted}${n}`;
    return name;
}

function moveColumnSql(column: Column): string[] {
    const type = columnTypeSql(column);
    const text = column.array ? "text[]" : "text";
    return [
        ...(column.default === null ? [] : [alterColumnSql(column, "DROP DEFAULT")]),
        alterColumnSql(column, `TYPE ${type} USING ${quoteIdentifier(column.name)}::${text}::${type}`),
        ...(column.default === null ? [] : [alterColumnSql(column, `SET DEFAULT ${column.default}`)]),
    ];
}

function columnsOf(enumType: EnumType, schema: Schema): Column[] {
    return schema.columns.filter((c) => isEnumColumn(c) && c.schema === enumType.schema && enumTypeName(c) === enumType.name);
}

/** Whether anything this migration leaves behind may need one of `values` while it runs. */
function usesAnyValue(values: readonly string[], enumType: EnumType, ctx: EmitContext): boolean {
    if (values.length === 0) return false;
    const literals = values.flatMap((value) => [quoteLiteral(value), `'${value}'`]);
    const names = (text: string | null) => text !== null && literals.some((literal) => text.includes(literal));
    const end = ctx.end;
    const startColumns = new Map(ctx.start.columns.map((c) => [memberKey(c), c]));
    const convertedHere = (column: Column) => {
        const previous = startColumns.get(memberKey(column));
        return previous !== undefined && !(isEnumColumn(previous) && enumTypeName(previous) === enumTypeName(column));
    };
    return (
        end.columns.some((c) => names(c.default) || names(c.asExpression)) ||
        end.checks.some((c) => names(c.expression)) ||
        end.indexes.some((i) => names(i.where)) ||
        end.views.some((v) => names(v.expression)) ||
        columnsOf(enumType, end).some(convertedHere)
    );
}
