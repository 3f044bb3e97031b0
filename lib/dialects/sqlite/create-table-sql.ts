import type { Check, ForeignKey, ReferentialAction, Unique } from "../../schema/model";
import { columnDefinition } from "./column-sql";
import { UnsupportedSqliteSchemaError } from "./errors";
import { quoteIdentifier, quoteList } from "./quote";
import type { TableShape } from "./table-shape";

/** CREATE TABLE split into its column definitions, table constraints and trailing options. */
export interface CreateTableParts {
    readonly columns: readonly string[];
    readonly constraints: readonly string[];
    /** `WITHOUT ROWID` or "". */
    readonly options: string;
}

/**
 * The parts of the CREATE TABLE TypeORM's `synchronize()` writes for this shape: columns, then
 * UNIQUE, CHECK and FOREIGN KEY constraints (named), then a composite PRIMARY KEY (never named:
 * SQLite keeps no primary key name, a one-column key is inline).
 */
export function createTableParts(shape: TableShape): CreateTableParts {
    const primary = shape.primaryKey?.columns ?? [];
    const inlinePrimary = primary.length === 1 ? primary[0] : null;
    return {
        columns: shape.columns.map((column) => columnDefinition(column, column.name === inlinePrimary)),
        constraints: [
            ...shape.uniques.map(uniqueConstraint),
            ...shape.checks.map(checkConstraint),
            ...shape.foreignKeys.map(foreignKeyConstraint),
            ...(primary.length > 1 ? [`PRIMARY KEY (${quoteList(primary)})`] : []),
        ],
        options: shape.table.withoutRowid ? "WITHOUT ROWID" : "",
    };
}

/** The CREATE TABLE statement for the shape, under `name` (a rebuild's temporary name). */
export function createTableSql(shape: TableShape, name: string = shape.table.table): string {
    assertCreatable(shape);
    return joinParts(name, createTableParts(shape));
}

/** The statement's text without checking that SQLite accepts it, for comparing two states. */
export function tableText(shape: TableShape): string {
    return joinParts(shape.table.table, createTableParts(shape));
}

function joinParts(name: string, parts: CreateTableParts): string {
    const body = [...parts.columns, ...parts.constraints].join(", ");
    return `CREATE TABLE ${quoteIdentifier(name)} (${body})${parts.options ? ` ${parts.options}` : ""}`;
}

function assertCreatable(shape: TableShape): void {
    const composite = (shape.primaryKey?.columns.length ?? 0) > 1;
    if (composite && shape.columns.some((c) => c.generated === "increment")) {
        throw new UnsupportedSqliteSchemaError(`${shape.table.table}: SQLite has no AUTOINCREMENT on a composite primary key`);
    }
}

function uniqueConstraint(unique: Unique): string {
    return `CONSTRAINT ${quoteIdentifier(unique.name)} UNIQUE (${quoteList(unique.columns)})`;
}

function checkConstraint(check: Check): string {
    return `CONSTRAINT ${quoteIdentifier(check.name)} CHECK (${check.expression})`;
}

const ACTIONS: readonly string[] = ["CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION"] satisfies readonly ReferentialAction[];

/** Snapshots are files people edit: a keyword that reaches SQL unquoted is checked first. */
function referentialAction(action: ReferentialAction): string {
    if (!ACTIONS.includes(action)) throw new UnsupportedSqliteSchemaError(`unknown referential action "${action}"`);
    return action;
}

const DEFERRABLE = /^INITIALLY (DEFERRED|IMMEDIATE)$/i;

function foreignKeyConstraint(fk: ForeignKey): string {
    let sql =
        `CONSTRAINT ${quoteIdentifier(fk.name)} FOREIGN KEY (${quoteList(fk.columns)}) ` +
        `REFERENCES ${quoteIdentifier(fk.referencedTable)} (${quoteList(fk.referencedColumns)}) ` +
        `ON DELETE ${referentialAction(fk.onDelete)} ON UPDATE ${referentialAction(fk.onUpdate)}`;
    if (fk.deferrable !== null) {
        if (!DEFERRABLE.test(fk.deferrable)) {
            throw new UnsupportedSqliteSchemaError(`${fk.table}.${fk.name}: unknown deferrable mode "${fk.deferrable}"`);
        }
        sql += ` DEFERRABLE ${fk.deferrable}`;
    }
    return sql;
}
