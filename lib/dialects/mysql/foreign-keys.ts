import { sameTable } from "../../schema/keys";
import type { ForeignKey, TableRef } from "../../schema/model";
import type { EmitContext, Statement } from "../dialect";
import { UnsupportedMysqlSchemaError } from "./errors";
import { foreignKeysLeaningOn, ownsImplicitIndex } from "./foreign-key-indexes";
import { quoteIdentifier, quoteList, tableName } from "./quote";
import { referentialActionWord } from "./sql-words";

export function emitAddForeignKey(fk: ForeignKey): Statement[] {
    if (fk.deferrable !== null) throw new UnsupportedMysqlSchemaError(`${fk.table}.${fk.name}: MySQL has no deferrable foreign keys`);
    const target = quoteIdentifier(fk.referencedTable);
    return [
        {
            sql:
                `ALTER TABLE ${tableName(fk)} ADD CONSTRAINT ${quoteIdentifier(fk.name)} FOREIGN KEY (${quoteList(fk.columns)}) ` +
                `REFERENCES ${target} (${quoteList(fk.referencedColumns)}) ` +
                `ON DELETE ${referentialActionWord(fk.onDelete)} ON UPDATE ${referentialActionWord(fk.onUpdate)}`,
        },
    ];
}

/**
 * DROP FOREIGN KEY, and the index InnoDB made for it (which the drop leaves behind) when it made
 * one. Shorter foreign keys that stay and lean on that index are dropped first and added back
 * after, so that InnoDB makes each its own index, as in a database synchronize() builds.
 */
export function emitDropForeignKey(fk: ForeignKey, ctx: EmitContext): Statement[] {
    if (!ownsImplicitIndex(ctx.before, fk)) return [{ sql: dropForeignKeySql(fk) }];
    const staying = foreignKeysLeaningOn(ctx.before, fk).filter((other) => ctx.after.foreignKeys.some((f) => sameTable(f, other) && f.name === other.name));
    return [
        ...staying.map((other) => ({ sql: dropForeignKeySql(other) })),
        { sql: `${dropForeignKeySql(fk)}, DROP INDEX ${quoteIdentifier(fk.name)}` },
        ...staying.flatMap(emitAddForeignKey),
    ];
}

/** Only the constraint: InnoDB's index for it stays. */
export function dropForeignKeySql(fk: ForeignKey): string {
    return `ALTER TABLE ${tableName(fk)} DROP FOREIGN KEY ${quoteIdentifier(fk.name)}`;
}

/** MySQL cannot rename a foreign key: it is dropped and added under its new name. */
export function emitRenameForeignKey(table: TableRef, before: string, after: string, ctx: EmitContext): Statement[] {
    const find = (list: readonly ForeignKey[], name: string) => {
        const fk = list.find((f) => sameTable(f, table) && f.name === name);
        if (!fk) throw new Error(`foreign key ${name} on ${table.table} is not in the schema`);
        return fk;
    };
    return [...emitDropForeignKey(find(ctx.before.foreignKeys, before), ctx), ...emitAddForeignKey(find(ctx.after.foreignKeys, after))];
}
