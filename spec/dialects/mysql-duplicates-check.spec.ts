import { expect } from "chai";
import { createConnection, type Connection } from "mysql2/promise";
import { dataCheckSql } from "../../lib/dialects/data-check-sql";
import { mysqlDataChecks } from "../../lib/dialects/mysql/data-checks";
import type { DataCheckSpec } from "../../lib/diff/data-checks";
import { createMysqlDatabase, type MysqlTestDatabase } from "../support/databases";

/**
 * The duplicates check on MySQL/MariaDB sorts instead of grouping (faster where InnoDB's GROUP BY
 * spills to disk): it must answer exactly what the grouped form answers, the number of duplicated
 * groups and the first one, for one and for several columns, NULLs and a partial index's predicate.
 */
describe("MySQL/MariaDB duplicates check: sorted, same answers as grouped", () => {
    let db: MysqlTestDatabase;
    let connection: Connection;
    before(async () => {
        db = await createMysqlDatabase();
        connection = await createConnection({
            host: db.options.host,
            port: db.options.port,
            user: db.options.username,
            password: db.options.password,
            database: db.name,
        });
        await connection.query("CREATE TABLE item (id int PRIMARY KEY, a varchar(20) NULL, b int NULL, live tinyint NOT NULL DEFAULT 1)");
        const rows: [number, string | null, number | null, number][] = [
            [1, "x", 1, 1],
            [2, "x", 1, 1],
            [3, "x", 1, 1],
            [4, "x", 2, 1],
            [5, "X", 2, 0],
            [6, "y", null, 1],
            [7, "y", null, 1],
            [8, null, 3, 1],
            [9, null, 3, 1],
            [10, "z", 3, 1],
            [11, "z", 3, 0],
            [12, "w", 4, 1],
        ];
        await connection.query("INSERT INTO item (id, a, b, live) VALUES ?", [rows]);
    });
    after(async () => {
        await connection?.end();
        await db?.drop();
    });

    const spec = (columns: string[], where: string | null): DataCheckSpec => ({
        kind: "duplicates",
        table: { schema: "", table: "item" },
        key: columns,
        columns,
        where,
        description: "d",
    });
    const answer = async (sorted: boolean, check: DataCheckSpec) => {
        const built = dataCheckSql({ ...mysqlDataChecks, duplicatesBySort: sorted }, check);
        const [rows] = await connection.query(built?.sql ?? "");
        // Which spelling stands for x and X (one value under the collation) is the server's choice in either form.
        return JSON.stringify(rows).toLowerCase();
    };

    const cases: [string, string[], string | null][] = [
        ["one column (the server's collation: x and X are one value)", ["a"], null],
        ["two columns", ["a", "b"], null],
        ["a column with NULLs", ["b"], null],
        ["a partial index's predicate", ["a", "b"], "`live` = 1"],
        ["no duplicates", ["id"], null],
    ];
    for (const [what, columns, where] of cases) {
        it(what, async () => {
            const grouped = await answer(false, spec(columns, where));
            expect(await answer(true, spec(columns, where))).to.equal(grouped);
        });
    }

    it("finds what is there: groups counted once however many rows they hold", async () => {
        expect(JSON.parse(await answer(true, spec(["a"], null)))).to.deep.equal([{ a: "x", offending: 3 }]);
    });
});
