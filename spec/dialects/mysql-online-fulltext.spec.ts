import { expect } from "chai";
import { createConnection, type Connection } from "mysql2/promise";
import type { Op } from "../../lib/diff/ops";
import { mariadbDialect } from "../../lib/dialects/mysql";
import { renderStatements } from "../../lib/render/statements";
import { emptySchema, type Column, type Schema } from "../../lib/schema/model";
import { createMysqlDatabase, type MysqlTestDatabase } from "../support/databases";
import { column, index, table } from "../support/model-builders";

// On the MariaDB server: what `generate --online` writes for a table with a FULLTEXT index is
// accepted, where the INSTANT the lock table used to claim is refused (InnoDB's hidden FTS_DOC_ID).

const meta = { reasons: ["spec"], risk: "safe" } as const;
const col = (name: string, over: Partial<Column> = {}) => column({ schema: "", table: "doc", name, type: "int", ...over });
const tag = col("tag", { nullable: true });
const start: Schema = {
    ...emptySchema("mysql", "", "0.3.20"),
    tables: [table({ schema: "", table: "doc" })],
    columns: [col("id", { primary: true }), col("body", { type: "varchar", length: "200" }), tag],
    primaryKeys: [{ schema: "", table: "doc", name: "PRIMARY", columns: ["id"] }],
    indexes: [index({ schema: "", table: "doc", name: "IDX_body", columns: ["body"], fulltext: true })],
};
const ops: Record<string, Op> = {
    "ADD COLUMN": { ...meta, kind: "addColumn", column: col("score", { nullable: true }) },
    "DROP COLUMN": { ...meta, kind: "dropColumn", column: tag },
    "NOT NULL": { ...meta, kind: "alterColumn", before: tag, after: { ...tag, nullable: false } },
};

describe("mariadb: --online on a table with a FULLTEXT index, on the server", () => {
    let db: MysqlTestDatabase;
    let connection: Connection;

    before(async () => {
        db = await createMysqlDatabase();
        const { host, port, username, password, database } = db.options;
        connection = await createConnection({ host, port, user: username, password, database });
    });
    after(async () => {
        await connection?.end();
        await db?.drop();
    });
    beforeEach(async () => {
        await connection.query("DROP TABLE IF EXISTS `doc`");
        await connection.query(
            "CREATE TABLE `doc` (`id` int NOT NULL PRIMARY KEY, `body` varchar(200) NOT NULL, `tag` int NULL, FULLTEXT KEY `IDX_body` (`body`)) ENGINE=InnoDB",
        );
        await connection.query("INSERT INTO `doc` VALUES (1, 'a b c', 2), (2, 'd e f', 3)");
    });

    for (const [what, op] of Object.entries(ops)) {
        it(`${what}: the written LOCK=SHARED form runs; INSTANT or LOCK=NONE is refused`, async () => {
            const statements = renderStatements(mariadbDialect, start, [op], { online: true }).flatMap((step) => step.statements.map((s) => s.sql));
            expect(statements).to.have.length(1);
            const [sql] = statements;
            expect(sql).to.match(/, ALGORITHM=INPLACE, LOCK=SHARED$/);
            for (const refused of [", ALGORITHM=INSTANT", ", ALGORITHM=INPLACE, LOCK=NONE"]) {
                const error = await connection.query(sql.replace(/, ALGORITHM=INPLACE, LOCK=SHARED$/, refused)).then(
                    () => null,
                    (e: Error) => e,
                );
                expect(error?.message, refused).to.match(/is not supported/);
            }
            await connection.query(sql);
        });
    }
});
