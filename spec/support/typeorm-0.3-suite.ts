/**
 * The specs the second test run repeats against TypeORM 0.3 (compat/typeorm-0.3): every state a
 * migration builds compared with what 0.3's own `synchronize()` builds on PostgreSQL, MySQL, MariaDB
 * and SQLite, up and down with rows in the tables, plus `--sql` through 0.3's query runners, and
 * fleets and `--url` (each target's data source is made from the bind's by the same TypeORM copy).
 * The rest of the suite does not depend on the TypeORM major (the differ, the emitters, the revision
 * graph) or is left to the 1.x run for a stated reason:
 * - dialects/postgres-synchronize: its entity comment `Posts' table` makes 0.3's own synchronize()
 *   fail (0.3's createTable writes a table comment unescaped); blog-versions and the others cover PostgreSQL.
 * - e2e/zoo, e2e/introspect-*: the zoo fixture uses @ForeignKey, which TypeORM 0.3.20 does not have.
 * - cli/typeorm-interop: it runs the 1.x `typeorm` CLI file by path.
 */
export const typeorm03Specs: readonly string[] = [
    "typeorm/**/*.spec.js",
    "dialects/sqlite-synchronize.spec.js",
    "dialects/sqlite-blog.spec.js",
    "e2e/blog-versions.spec.js",
    "e2e/mysql-blog.spec.js",
    "e2e/kitchen-sink.spec.js",
    "e2e/mysql-kitchen-sink.spec.js",
    "e2e/mysql-types.spec.js",
    "e2e/data-safety.spec.js",
    "e2e/hostile-names.spec.js",
    "e2e/mysql-hostile-names.spec.js",
    "e2e/constraints.spec.js",
    "e2e/views.spec.js",
    "e2e/left-out.spec.js",
    "e2e/renames.spec.js",
    "e2e/naming-strategy.spec.js",
    "e2e/exclusions.spec.js",
    "e2e/spatial.spec.js",
    "e2e/identifier-limits.spec.js",
    "e2e/entity-properties-db.spec.js",
    "e2e/two-binds.spec.js",
    "e2e/fleet-databases.spec.js",
    "cli/offline-sql.spec.js",
    "cli/url.spec.js",
];
