/** One database of a bind's fleet: a database of its own (`url`), or a schema of the bind's database. */
export interface FleetTarget {
    /** What the progress lines and the summary call it: the schema, the `name` given, or host/database. */
    readonly name: string;
    readonly url?: string;
    /** PostgreSQL: the tenant schema the migrations run in. */
    readonly schema?: string;
}
