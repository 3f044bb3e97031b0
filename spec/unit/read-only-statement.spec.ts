import { expect } from "chai";
import { isReadOnlyStatement } from "../../lib/runner/read-only";

/** Which statements may run before the dirty mark is written, and run again on resume. */
describe("isReadOnlyStatement", () => {
    const reads = [
        "SELECT 1",
        "  select count(*) from t",
        '/* typeorm-migrate data check */ SELECT "id", COUNT(*) OVER () AS "offending" FROM "item" LIMIT 1',
        "/* typeorm-migrate data check */ SELECT `into`, COUNT(*) OVER () AS `offending` FROM `t` LIMIT 1",
        "-- why\n/* and how */\n  SELECT SLEEP(6)",
        "SHOW INDEX FROM `t`",
    ];
    const writes = [
        "CREATE TABLE t3 (id int)",
        "INSERT INTO t3 VALUES (1)",
        "SELECT * INTO t4 FROM t3",
        "SELECT setval('t_id_seq', 10)",
        "WITH moved AS (DELETE FROM t RETURNING *) SELECT count(*) FROM moved",
        "/*!50001 CREATE VIEW v AS SELECT 1 */",
        "/* unterminated SELECT 1",
        "PRAGMA foreign_keys = OFF",
    ];
    for (const sql of reads) it(`reads: ${JSON.stringify(sql)}`, () => expect(isReadOnlyStatement(sql)).to.equal(true));
    for (const sql of writes) it(`writes: ${JSON.stringify(sql)}`, () => expect(isReadOnlyStatement(sql)).to.equal(false));
});
