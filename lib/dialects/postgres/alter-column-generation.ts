import type { Column } from "../../schema/model";
import { alterColumnSql } from "./columns";
import { quoteIdentifier, quoteLiteral, tableName } from "./quote";
import { serialKind, serialSequenceName } from "./sequences";
import { identityKindWord } from "./sql-words";

// Switching a column between plain, SERIAL ("increment") and identity. The sequences are made
// to look like the ones SERIAL and GENERATED AS IDENTITY make, so the catalog matches a fresh
// synchronize(); they continue after the rows already in the table.

/** Removes the old generation before the type and default change. */
export function dropGenerationSql(before: Column, after: Column): string[] {
    if (before.generated === "identity" && after.generated !== "identity") return [alterColumnSql(before, "DROP IDENTITY")];
    if (before.generated === "increment" && after.generated !== "increment") {
        return [alterColumnSql(before, "DROP DEFAULT"), `DROP SEQUENCE ${serialSequenceName(before)}`];
    }
    return [];
}

/** Adds the new generation once the column has its new type, NOT NULL and no default. */
export function addGenerationSql(before: Column, after: Column): string[] {
    if (after.generated === "identity") {
        if (before.generated !== "identity") {
            return [
                alterColumnSql(after, `ADD GENERATED ${identityKindWord(after.identity)} AS IDENTITY`),
                restartAfterRowsSql(after, identitySequence(after)),
            ];
        }
        const kind = identityKindWord(after.identity);
        return identityKindWord(before.identity) === kind ? [] : [alterColumnSql(after, `SET GENERATED ${kind}`)];
    }
    if (after.generated === "increment") {
        if (before.generated !== "increment") return createSerialSql(after);
        const type = serialKind(after).sequenceType;
        // An identity sequence follows its column's type; a SERIAL one does not.
        return serialKind(before).sequenceType === type ? [] : [`ALTER SEQUENCE ${serialSequenceName(after)} AS ${type}`];
    }
    return [];
}

/** What `SERIAL` does: an integer sequence owned by the column, drawn by the default. */
function createSerialSql(column: Column): string[] {
    const sequence = serialSequenceName(column);
    return [
        `CREATE SEQUENCE ${sequence} AS ${serialKind(column).sequenceType} OWNED BY ${tableName(column)}.${quoteIdentifier(column.name)}`,
        alterColumnSql(column, `SET DEFAULT nextval(${quoteLiteral(sequence)}::regclass)`),
        restartAfterRowsSql(column, quoteLiteral(sequence)),
    ];
}

function identitySequence(column: Column): string {
    return `pg_get_serial_sequence(${quoteLiteral(tableName(column))}, ${quoteLiteral(column.name)})`;
}

/** The next value follows the largest one already stored (1 on an empty table, as a new sequence). */
function restartAfterRowsSql(column: Column, sequence: string): string {
    const name = quoteIdentifier(column.name);
    return `SELECT setval(${sequence}, GREATEST(COALESCE(MAX(${name}), 0), 0) + 1, false) FROM ${tableName(column)}`;
}
