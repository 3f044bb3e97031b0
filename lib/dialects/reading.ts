import type { DataSource } from "typeorm";
import type { IntrospectContext } from "../catalog/introspect-context";
import type { Schema } from "../schema/model";
import type { AssumedServer } from "../typeorm";

/**
 * What a dialect answers when entities' metadata (lib/entities) or a live database (lib/introspect)
 * are read into the model. The readers are the same for every dialect; where TypeORM's drivers or
 * the servers differ, they ask this object.
 */
export interface DialectReading {
    /** What TypeORM's driver would learn from the server at connect time, assumed when the entities are read offline. */
    readonly assumedServer: AssumedServer;
    /** How long a name the server keeps, and what it does with a longer one; null: any length. */
    readonly identifierLimit: IdentifierLimit | null;
    /** The entities may declare exclusion constraints (`@Exclusion`). */
    readonly exclusions: boolean;
    /** A view entity may be `materialized`; elsewhere TypeORM makes a plain view. */
    readonly materializedViews: boolean;
    /**
     * An entity's `database` may put its table in another database (a qualified name, an attached
     * file), which the model has no place for; where false, TypeORM's driver leaves it out of the table's name.
     */
    readonly otherDatabases: boolean;
    /**
     * TypeORM's metadata builder makes every unique a unique index (a column's `unique: true` too),
     * so no unique constraint is added for a column.
     */
    readonly uniquesAreIndexes: boolean;
    /** `synchronize()` makes the foreign keys of a table whose entity names a `schema`. */
    readonly foreignKeysOfSchemaTables: boolean;
    /** A backslash in a string literal is an escape character, so a default's backslashes are doubled. */
    readonly backslashEscapes: boolean;
    /**
     * The name of the type an enum column gets (`enumName`, else TypeORM's default for `table` and
     * the column); null where an enum lives in the column's own type.
     */
    enumTypeName(table: string, column: EnumColumn): string | null;
    /** The default the query runner gives a generated uuid column at CREATE time; null where TypeORM makes the value in the application. */
    uuidDefault(dataSource: DataSource): string | null;
    /** The extensions `synchronize()` installs for the entities. */
    extensions(dataSource: DataSource): Promise<string[]>;
    /** The schema read from the entities as `synchronize()` builds it, where its builder leaves out or changes what the entities declare. */
    asSynchronized(schema: Schema): Schema;
    /** Reads the live database into the model (lib/introspect/introspect.ts holds the connection and the transaction around it). */
    introspect(ctx: IntrospectContext): Promise<Schema>;
    /** What the catalog keeps of a declaration; what it does not is taken from the reference schema (lib/introspect/reference.ts). */
    readonly catalogKeeps: CatalogKeeps;
}

/** A column as the enum type naming sees it: its name in the database and its `enumName` option. */
export interface EnumColumn {
    readonly name: string;
    readonly enumName?: string;
}

/** What a live database's catalog holds of a declaration, so that introspection reads it back. */
export interface CatalogKeeps {
    /** A column's `onUpdate` (an `ON UPDATE` clause); TypeORM records one for `@UpdateDateColumn` everywhere. */
    readonly onUpdate: boolean;
    /** Comments on tables and columns. */
    readonly comments: boolean;
    /** Whether a key column is generated as `increment`, `rowid` or `identity` (SQLite: all three are the rowid's alias, and only AUTOINCREMENT tells `increment` from a plain key). */
    readonly rowidStrategy: boolean;
    /** A column's `unsigned` (TypeORM writes UNSIGNED only on the MySQL family). */
    readonly unsigned: boolean;
    /** An index's `fulltext` (TypeORM makes a FULLTEXT index only on the MySQL family; a plain one elsewhere). */
    readonly fulltext: boolean;
}

/** The kinds of names a schema gives the database. */
export type NameKind = "table" | "view" | "column" | "index" | "primaryKey" | "unique" | "foreignKey" | "check" | "exclusion" | "enum";

/** Where two names must differ: per schema (`relations`, `types`) or per table (`constraints`, `columns`). */
export type NameScope = "relations" | "types" | "constraints" | "columns";

/** How long a name a server takes, and what it does with a longer one. */
export type IdentifierLimit = {
    readonly server: string;
    readonly max: number;
    readonly unit: "bytes" | "characters";
    /** Names the server never sees (MySQL calls every primary key PRIMARY). */
    readonly unseen: readonly NameKind[];
} & (
    | {
          /** The server rejects the statement, and `synchronize()` fails with it. */
          readonly overLong: "refused";
      }
    | {
          /**
           * The server keeps the first `max` and goes on, so `synchronize()` builds the cut name and a
           * migration writing the full name builds the same; only two names that become one are refused.
           */
          readonly overLong: "cut";
          /** What the server keeps of a longer name. */
          cut(name: string): string;
          /** Which names must stay apart, per kind. */
          readonly scopes: Readonly<Record<NameKind, readonly NameScope[]>>;
      }
);
