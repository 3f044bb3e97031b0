import type { Check, Exclusion, ForeignKey, PrimaryKey, TableRef, Unique } from "../../schema/model";
import type { Statement } from "../dialect";
import { qualifiedName, quoteIdentifier, quoteList, tableName } from "./quote";
import { deferrableClause, referentialActionWord } from "./sql-words";

// Each constraint has one body, written inline in CREATE TABLE and after ADD CONSTRAINT alike.

export function primaryKeyBody(primaryKey: PrimaryKey): string {
    return `CONSTRAINT ${quoteIdentifier(primaryKey.name)} PRIMARY KEY (${quoteList(primaryKey.columns)})`;
}

export function uniqueBody(unique: Unique): string {
    return `CONSTRAINT ${quoteIdentifier(unique.name)} UNIQUE (${quoteList(unique.columns)})${deferrableClause(unique.deferrable)}`;
}

/** The expression is SQL from the entity (`@Check`), written as TypeORM writes it. */
export function checkBody(check: Check): string {
    return `CONSTRAINT ${quoteIdentifier(check.name)} CHECK (${check.expression})`;
}

export function foreignKeyBody(foreignKey: ForeignKey): string {
    const target = qualifiedName(foreignKey.referencedSchema, foreignKey.referencedTable);
    return (
        `CONSTRAINT ${quoteIdentifier(foreignKey.name)} FOREIGN KEY (${quoteList(foreignKey.columns)}) ` +
        `REFERENCES ${target}(${quoteList(foreignKey.referencedColumns)}) ` +
        `ON DELETE ${referentialActionWord(foreignKey.onDelete)} ON UPDATE ${referentialActionWord(foreignKey.onUpdate)}` +
        deferrableClause(foreignKey.deferrable)
    );
}

export function addConstraint(ref: TableRef, body: string): Statement {
    return { sql: `ALTER TABLE ${tableName(ref)} ADD ${body}` };
}

export function dropConstraint(constraint: TableRef & { readonly name: string }): Statement {
    return { sql: `ALTER TABLE ${tableName(constraint)} DROP CONSTRAINT ${quoteIdentifier(constraint.name)}` };
}

/** The exclusion's expression is SQL from the entity (`USING gist ("room" WITH =, ...)`). */
export function exclusionBody(exclusion: Exclusion): string {
    return `CONSTRAINT ${quoteIdentifier(exclusion.name)} EXCLUDE ${exclusion.expression}${deferrableClause(exclusion.deferrable)}`;
}
