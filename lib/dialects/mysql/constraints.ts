import type { Check } from "../../schema/model";
import type { Statement } from "../dialect";
import { quoteIdentifier, tableName } from "./quote";

/** The expression is SQL from the entity (`@Check`), written as TypeORM writes it. */
export function checkBody(check: Check): string {
    return `CONSTRAINT ${quoteIdentifier(check.name)} CHECK (${check.expression})`;
}

export function emitAddCheck(check: Check): Statement[] {
    return [{ sql: `ALTER TABLE ${tableName(check)} ADD ${checkBody(check)}` }];
}

/** `DROP CONSTRAINT` drops a check on MariaDB 10.2+ and MySQL 8.0.19+. */
export function emitDropCheck(check: Check): Statement[] {
    return [{ sql: `ALTER TABLE ${tableName(check)} DROP CONSTRAINT ${quoteIdentifier(check.name)}` }];
}
