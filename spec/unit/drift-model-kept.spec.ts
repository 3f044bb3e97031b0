import { expect } from "chai";
import { diff } from "../../lib/diff/diff";
import type { Op } from "../../lib/diff/ops";
import type { DialectModule } from "../../lib/dialects/dialect";
import { lockClassOf } from "../../lib/dialects/locks";
import { mysqlDialect } from "../../lib/dialects/mysql";
import { postgresDialect } from "../../lib/dialects/postgres";
import { indexDefinitionParts } from "../../lib/dialects/postgres/introspect/index-key-list";
import { sqliteDialect } from "../../lib/dialects/sqlite";
import { withUnmanagedIndexesKept } from "../../lib/generate/unmanaged-indexes";
import { renderStatements } from "../../lib/render/statements";
import { canonicalize } from "../../lib/schema/canonical";
import { emptySchema, type Dialect, type Schema } from "../../lib/schema/model";
import { serializeSchema } from "../../lib/schema/serialize";
import { column, index, table } from "../support/model-builders";

// Issue 16: what entities cannot declare (a MySQL table's collation, an index's prefix lengths, an
// index over expressions) is written, compared, and kept by entity-driven generate.

const schemaOf = (dialect: Dialect, parts: Partial<Schema>): Schema =>
    canonicalize({ ...emptySchema(dialect, dialect === "postgres" ? "public" : "", "0.3.20"), ...parts });
const sqlOf = (dialect: DialectModule, from: Schema, to: Schema): string[] =>
    renderStatements(dialect, from, diff(from, to)).flatMap((step) => step.statements.map((s) => s.sql));
const reasonsOf = (ops: readonly Op[]) => ops.map((op) => [op.kind, ...op.reasons].join(": "));

const item = (extra: Partial<Parameters<typeof table>[0]> = {}) => table({ schema: "", table: "item", ...extra });
const name = column({ schema: "", table: "item", name: "name", type: "varchar", length: "100" });
const byName = index({ schema: "", table: "item", name: "IDX_item_name", columns: ["name"] });
const collated = { charset: "utf8mb4", collation: "utf8mb4_unicode_520_ci" };

describe("drift model: what entities cannot declare", () => {
    describe("generate from entities keeps it from the previous state", () => {
        const adopted = schemaOf("mysql", {
            tables: [item(collated), item({ table: "gone" })],
            columns: [name],
            indexes: [
                { ...byName, lengths: [50] },
                index({ schema: "", table: "item", name: "IDX_item_twice", columns: [], expression: "(`price` * 2)" }),
                index({ schema: "", table: "gone", name: "IDX_gone_x", columns: [], expression: "(`x` + 1)" }),
            ],
        });

        it("keeps a table's collation, an index's prefix lengths and the expression indexes of tables that stay", () => {
            const entities = schemaOf("mysql", { tables: [item()], columns: [name], indexes: [byName] });
            const kept = withUnmanagedIndexesKept(adopted, entities);
            expect(kept.tables).to.deep.equal([item(collated)]);
            expect(kept.indexes.map((i) => [i.name, i.lengths ?? null, i.expression ?? null])).to.deep.equal([
                ["IDX_item_name", [50], null],
                ["IDX_item_twice", null, "(`price` * 2)"],
            ]);
            expect(reasonsOf(diff(adopted, kept))).to.deep.equal([
                "dropIndex: index IDX_gone_x on gone removed or changed",
                "dropTable: table gone is no longer in the entities",
            ]);
        });

        it("does not put prefix lengths on an index over other columns, nor keep an expression index the entities name again", () => {
            const other = { ...byName, columns: ["name", "price"] };
            const twice = index({ schema: "", table: "item", name: "IDX_item_twice", columns: ["price"] });
            const kept = withUnmanagedIndexesKept(adopted, schemaOf("mysql", { tables: [item()], columns: [name], indexes: [other, twice] }));
            expect(kept.indexes).to.deep.equal([other, twice]);
        });

        it("gives back the entities' schema itself when the previous state has none of it", () => {
            const entities = schemaOf("mysql", { tables: [item()], columns: [name], indexes: [byName] });
            expect(withUnmanagedIndexesKept(entities, entities)).to.equal(entities);
        });
    });

    it("a schema without them serializes as before (absent, not null), so existing snapshot files keep their bytes", () => {
        const old = schemaOf("mysql", { tables: [item()], columns: [name], indexes: [byName] });
        const written = serializeSchema(old);
        expect(written).not.to.match(/"lengths"|"expression"/);
        expect(written).to.include(`{"schema":"","table":"item","comment":null,"engine":null,"withoutRowid":false}`);
        expect(reasonsOf(diff(JSON.parse(written) as Schema, old))).to.deep.equal([]);
    });

    describe("MySQL: a table's collation and prefix lengths", () => {
        const plain = schemaOf("mysql", {
            tables: [item()],
            columns: [name, column({ schema: "", table: "item", name: "tag", type: "varchar", length: "9", collation: "utf8mb4_bin" })],
        });
        const converted = { ...plain, tables: [item(collated)] };

        it("creates the table with them", () => {
            const sql = sqlOf(mysqlDialect, schemaOf("mysql", {}), schemaOf("mysql", { ...converted, indexes: [{ ...byName, lengths: [50] }] }));
            expect(sql[0]).to.match(/\) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci$/);
            expect(sql[1]).to.equal("CREATE INDEX `IDX_item_name` ON `item` (`name`(50))");
        });

        it("changes the table's default and the columns that follow it in one statement, leaves a column with a collation of its own alone, and goes back to the database's", () => {
            const ops = diff(plain, converted);
            expect(reasonsOf(ops)).to.deep.equal(["setTableComment: charset: none → utf8mb4: collation: none → utf8mb4_unicode_520_ci"]);
            expect(ops[0].risk).to.equal("data-dependent");
            expect(lockClassOf(mysqlDialect.locks, ops[0], { before: plain, online: true }).blocking).to.equal(true);
            expect(sqlOf(mysqlDialect, plain, converted)).to.deep.equal([
                "ALTER TABLE `item` DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci, MODIFY COLUMN `name` varchar(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci NOT NULL",
            ]);
            expect(sqlOf(mysqlDialect, converted, plain)).to.deep.equal([
                "ALTER TABLE `item` DEFAULT CHARACTER SET DEFAULT, MODIFY COLUMN `name` varchar(100) NOT NULL",
            ]);
        });

        it("names a changed prefix in the differ's words", () => {
            const before = schemaOf("mysql", { ...plain, indexes: [{ ...byName, lengths: [50] }] });
            const after = schemaOf("mysql", { ...plain, indexes: [byName] });
            expect(reasonsOf(diff(before, after))).to.deep.equal([
                "dropIndex: index IDX_item_name on item removed or changed",
                "createIndex: index IDX_item_name on item (name) is new or changed",
            ]);
            expect(reasonsOf(diff(after, before))[1]).to.equal("createIndex: index IDX_item_name on item (name(50)) is new or changed");
        });
    });

    describe("indexes over expressions", () => {
        it("PostgreSQL: the key list of pg_get_indexdef and what follows it, whatever parentheses and quotes they hold", () => {
            expect(
                indexDefinitionParts(`CREATE INDEX i ON public.t USING btree (lower((name)::text), id DESC) WHERE ((price > 0) AND (code <> ')'::text))`),
            ).to.deep.equal({
                keyList: "lower((name)::text), id DESC",
                rest: ` WHERE ((price > 0) AND (code <> ')'::text))`,
            });
            expect(indexDefinitionParts(`CREATE INDEX i ON public.t USING gin (("a)b" || 'x''('::text)) INCLUDE (id)`)).to.deep.equal({
                keyList: `("a)b" || 'x''('::text)`,
                rest: " INCLUDE (id)",
            });
            expect(indexDefinitionParts(`CREATE INDEX i ON public.t`)).to.equal(null);
        });

        it("are written with their key list on PostgreSQL and SQLite", () => {
            const pgIndex = index({
                schema: "public",
                table: "item",
                name: "IDX_lower",
                columns: [],
                expression: "lower((name)::text)",
                where: "(id > 0)",
                unique: true,
            });
            const pg = schemaOf("postgres", { tables: [table({ schema: "public", table: "item" })] });
            expect(sqlOf(postgresDialect, pg, { ...pg, indexes: [pgIndex] })).to.deep.equal([
                `CREATE UNIQUE INDEX "IDX_lower" ON "public"."item" (lower((name)::text)) WHERE (id > 0)`,
            ]);
            const liteIndex = index({ schema: "", table: "item", name: "IDX_code", columns: [], expression: `substr("code", 1, 5)` });
            const lite = schemaOf("sqlite", { tables: [item()], columns: [name] });
            expect(sqlOf(sqliteDialect, lite, { ...lite, indexes: [liteIndex] })).to.deep.equal([`CREATE INDEX "IDX_code" ON "item" (substr("code", 1, 5))`]);
            expect(reasonsOf(diff(lite, { ...lite, indexes: [liteIndex] }))).to.deep.equal([
                `createIndex: index IDX_code on item (substr("code", 1, 5)) is new or changed`,
            ]);
        });
    });
});
