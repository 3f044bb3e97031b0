import type { DataCheckDialect } from "../data-check-sql";
import { quoteIdentifier, quoteLiteral } from "./quote";

/** SQLite keeps any value in any column (lengths and sizes are not enforced): only an enum's CHECK rejects one. */
const keptAsStored = (): null => null;

export const sqliteDataChecks: DataCheckDialect = {
    duplicatesBySort: false,
    quoteIdentifier,
    tableName: (ref) => quoteIdentifier(ref.table),
    narrowed: {
        length: keptAsStored,
        integerRange: keptAsStored,
        numericDigits: keptAsStored,
        fractionalSeconds: keptAsStored,
        enumValues: (column, { removed }) => `${column} IN (${removed.map(quoteLiteral).join(", ")})`,
    },
};
