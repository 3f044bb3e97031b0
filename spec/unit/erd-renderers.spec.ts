import { expect } from "chai";
import { dbmlErd } from "../../lib/render/erd-dbml";
import { schemaChanges } from "../../lib/render/erd-changes";
import { mermaidErd } from "../../lib/render/erd-mermaid";
import { RevisionGraph, type RevisionNode } from "../../lib/revisions/graph";
import { mermaidHistory } from "../../lib/revisions/graph-mermaid";
import { emptySchema, type ForeignKey, type Schema } from "../../lib/schema/model";
import { column, index, table } from "../support/model-builders";
import { parseDbml, parseErDiagram, parseFlowchart } from "./erd-diagram-parsers";

const lines = 'order "lines"';
/** @dbml/core types a column's type as `any`. */
const typeName = (field: { type: unknown }) => (field.type as { type_name: string }).type_name;
const fk = (fields: Pick<ForeignKey, "table" | "name" | "columns" | "referencedTable" | "referencedColumns"> & Partial<ForeignKey>): ForeignKey => ({
    schema: "public",
    referencedSchema: "public",
    onDelete: "NO ACTION",
    onUpdate: "NO ACTION",
    deferrable: null,
    ...fields,
});

/** Names Mermaid and DBML cannot take as they are, keys of every kind, and each cardinality a foreign key can give. */
function hostileSchema(): Schema {
    const c = (tableName: string, name: string, type: string, rest: Parameters<typeof column>[0] extends infer T ? Partial<T> : never = {}) =>
        column({ schema: "public", table: tableName, name, type, ...rest });
    return {
        ...emptySchema("postgres", "public", "1.0.0"),
        schemas: ["audit"],
        enums: [{ schema: "public", name: 'mood "type"', values: ["o'clock", 'say "hi"', "back\\slash"] }],
        tables: [
            table({ schema: "public", table: lines, comment: `it's "the" table \\ with\na newline` }),
            table({ schema: "public", table: "user" }),
            table({ schema: "audit", table: "events" }),
            table({ schema: "public", table: "end" }),
            table({ schema: "public", table: "100% \\ direction TB" }),
        ],
        columns: [
            c(lines, "id.key", "integer", { generated: "increment", primary: true }),
            c(lines, "select", "character varying", { length: "50", default: "'it''s'", comment: `a "quoted" # comment with \\ and \${x}` }),
            c(lines, "group by", "integer", { default: "0" }),
            c(lines, "pk", "text", { nullable: true }),
            c(lines, "naïve 表", "enum", { enum: ["o'clock", 'say "hi"', "back\\slash"], enumName: 'mood "type"', default: `'o''clock'` }),
            c(lines, "back`tick", "character varying", { default: "concat('`', 'x')" }),
            c("user", "id", "integer", { primary: true }),
            c("user", "line", "integer", { nullable: true }),
            c("user", "profile", "integer"),
            column({ schema: "audit", table: "events", name: "id", type: "uuid", primary: true }),
            column({ schema: "audit", table: "events", name: "line", type: "integer", primary: true }),
            column({ schema: "audit", table: "events", name: "at", type: "timestamp with time zone", precision: 3, default: "now()" }),
            c("end", "id", "integer", { primary: true }),
            c("end", "parent", "integer", { nullable: true }),
            c("100% \\ direction TB", "x", "numeric", { precision: 10, scale: 2, array: true }),
        ],
        primaryKeys: [
            { schema: "public", table: lines, name: "PK_lines", columns: ["id.key"] },
            { schema: "public", table: "user", name: "PK_user", columns: ["id"] },
            { schema: "audit", table: "events", name: "PK_events", columns: ["id", "line"] },
            { schema: "public", table: "end", name: "PK_end", columns: ["id"] },
        ],
        uniques: [{ schema: "public", table: "user", name: "UQ_profile", columns: ["profile"], deferrable: null }],
        indexes: [
            index({ schema: "public", table: lines, name: 'IDX `odd` "name"', columns: ["select", "group by"] }),
            index({ schema: "public", table: lines, name: "IDX_partial", columns: ["pk"], unique: true, where: `"pk" <> 'x'` }),
            { ...index({ schema: "public", table: lines, name: "IDX_expression", columns: [] }), expression: `lower("select"), "pk" DESC` },
        ],
        foreignKeys: [
            fk({ table: "user", name: "FK_line", columns: ["line"], referencedTable: lines, referencedColumns: ["id.key"], onDelete: "CASCADE" }),
            fk({ table: "user", name: "FK_profile", columns: ["profile"], referencedTable: "end", referencedColumns: ["id"], onUpdate: "SET NULL" }),
            fk({ schema: "audit", table: "events", name: "FK_events_line", columns: ["line"], referencedTable: lines, referencedColumns: ["id.key"] }),
            fk({ table: "end", name: "FK_end_parent", columns: ["parent"], referencedTable: "end", referencedColumns: ["id"] }),
        ],
    };
}

describe("erd: Mermaid erDiagram (parsed by mermaid)", () => {
    it("draws every table under its own name, qualified outside the default schema, however hostile", async () => {
        const parsed = await parseErDiagram(mermaidErd(hostileSchema()));
        expect([...parsed.entities.keys()]).to.have.members([lines, "user", "audit.events", "end", "100% \\ direction TB"]);
        const attributes = parsed.entities.get(lines) ?? [];
        expect(attributes.map((a) => a.name)).to.deep.equal(["id_key", "select", "group_by", "_pk", "naïve_表", "back_tick"]);
        expect(attributes[0]).to.include({ type: "integer" });
        expect(attributes[0].keys).to.deep.equal(["PK"]);
        expect(attributes[1].comment).to.equal(`a "quoted" # comment with \\ and \${x}`);
        expect(attributes[2].comment).to.equal("name: group by");
        // A unique index with a predicate does not make the column unique.
        expect(attributes[3].keys).to.deep.equal([]);
        expect(attributes[4].type).to.equal("mood__type_");
        expect(parsed.entities.get("audit.events")?.map((a) => [a.name, a.type, a.keys])).to.deep.equal([
            ["id", "uuid", ["PK"]],
            ["line", "integer", ["PK", "FK"]],
            ["at", "timestamp_with_time_zone(3)", []],
        ]);
        expect(parsed.entities.get("user")?.map((a) => a.keys)).to.deep.equal([["PK"], ["FK"], ["FK", "UK"]]);
        expect(parsed.entities.get("100% \\ direction TB")?.[0]).to.include({ type: "numeric(10,2)[]", name: "x" });
    });

    it("gives each foreign key the cardinalities its columns allow", async () => {
        const { relationships } = await parseErDiagram(mermaidErd(hostileSchema()));
        const byRole = new Map(relationships.map((r) => [`${r.from} -> ${r.to} : ${r.role}`, [r.cardB, r.relType, r.cardA]]));
        expect(Object.fromEntries(byRole)).to.deep.equal({
            // nullable: a user may have no line; not unique: a line has any number of users
            [`${lines} -> user : line`]: ["ZERO_OR_ONE", "NON_IDENTIFYING", "ZERO_OR_MORE"],
            // NOT NULL and unique: one to one
            "end -> user : profile": ["ONLY_ONE", "NON_IDENTIFYING", "ZERO_OR_ONE"],
            // part of the child's primary key: identifying
            [`${lines} -> audit.events : line`]: ["ONLY_ONE", "IDENTIFYING", "ZERO_OR_MORE"],
            "end -> end : parent": ["ZERO_OR_ONE", "NON_IDENTIFYING", "ZERO_OR_MORE"],
        });
    });

    it("titles a bind's diagram and draws an empty schema", async () => {
        const text = mermaidErd(emptySchema("sqlite", "", "1.0.0"), { title: "analytics", caption: "at base" });
        expect(text.split("\n").slice(0, 4)).to.deep.equal(["---", 'title: "analytics"', "---", "erDiagram"]);
        expect((await parseErDiagram(text)).entities.size).to.equal(0);
    });
});

describe("erd: DBML (parsed by @dbml/core)", () => {
    it("writes tables, columns and their settings, indexes, refs and enums that DBML reads back as they are", () => {
        const database = parseDbml(dbmlErd(hostileSchema(), { title: "default", caption: "at 3f9c" }));
        const [publicSchema, audit] = ["public", "audit"].map((name) => database.schemas.find((s) => s.name === name));
        expect(publicSchema?.tables.map((t) => t.name)).to.deep.equal([lines, "user", "end", "100% \\ direction TB"]);
        expect(audit?.tables.map((t) => t.name)).to.deep.equal(["events"]);
        const orderLines = publicSchema?.tables[0];
        expect(orderLines?.note).to.equal(`it's "the" table \\ with\na newline`);
        expect(orderLines?.fields.map((f) => f.name)).to.deep.equal(["id.key", "select", "group by", "pk", "naïve 表", "back`tick"]);
        const [id, select, groupBy, pk, mood, backtick] = orderLines?.fields ?? [];
        expect([id.pk, id.increment]).to.deep.equal([true, true]);
        expect([typeName(select), select.not_null, select.dbdefault, select.note]).to.deep.equal([
            "character varying(50)",
            true,
            { type: "string", value: "it's" },
            `a "quoted" # comment with \\ and \${x}`,
        ]);
        expect(groupBy.dbdefault).to.deep.equal({ type: "number", value: 0 });
        expect(pk.not_null).to.not.equal(true);
        expect([typeName(mood), mood.dbdefault]).to.deep.equal(['mood "type"', { type: "string", value: "o'clock" }]);
        // A default DBML cannot write (a backtick in an expression) goes in the note.
        expect([backtick.dbdefault, backtick.note]).to.deep.equal([undefined, "default: concat('`', 'x')"]);
        expect(orderLines?.indexes.map((i) => [i.name, i.unique ?? false, i.columns.map((c) => String(c.value))])).to.deep.equal([
            ['IDX `odd` "name"', false, ["select", "group by"]],
            ["IDX_partial", true, ["pk"]],
            ["IDX_expression", false, [`lower("select"), "pk" DESC`]],
        ]);
        expect(orderLines?.indexes[2].columns.map((c) => String(c.type))).to.deep.equal(["expression"]);
        expect(orderLines?.indexes[1].note).to.equal(`where "pk" <> 'x'`);
        expect(audit?.tables[0].indexes.map((i) => [i.pk, i.columns.map((c) => String(c.value))])).to.deep.equal([[true, ["id", "line"]]]);
        expect(publicSchema?.enums.map((e) => [e.name, e.values.map((v) => v.name)])).to.deep.equal([['mood "type"', ["o'clock", 'say "hi"', "back\\slash"]]]);
        const refs = database.schemas.flatMap((s) => s.refs);
        expect(
            refs.map((r) => [r.name, r.endpoints.map((e) => `${e.tableName}.${e.fieldNames.join(",")} ${e.relation}`), String(r.onDelete), String(r.onUpdate)]),
        ).to.deep.equal([
            ["FK_line", ["user.line *", `${lines}.id.key 1`], "cascade", "undefined"],
            ["FK_profile", ["user.profile 1", "end.id 1"], "undefined", "set null"],
            ["FK_events_line", ["events.line *", `${lines}.id.key 1`], "undefined", "undefined"],
            ["FK_end_parent", ["end.parent *", "end.id 1"], "undefined", "undefined"],
        ]);
    });
    it("leaves a key to a table the snapshot does not hold as a comment, which DBML would refuse", () => {
        const schema = hostileSchema();
        const outside = {
            ...schema,
            foreignKeys: [
                ...schema.foreignKeys,
                fk({ table: "user", name: "FK_gone", columns: ["id"], referencedTable: "spatial_ref_sys", referencedColumns: ["srid"] }),
            ],
        };
        const text = dbmlErd(outside);
        expect(text).to.include('// Ref "FK_gone": "user"."id" - "spatial_ref_sys"."srid" (not in this schema)');
        expect(parseDbml(text).schemas.flatMap((s) => s.refs)).to.have.length(4);
    });
});

describe("erd: --changed marks", () => {
    const before = hostileSchema();
    const after: Schema = {
        ...before,
        tables: [...before.tables.filter((t) => t.table !== "end"), table({ schema: "public", table: "tag" })],
        columns: [
            ...before.columns
                .filter((c) => c.table !== "end" && c.name !== "group by")
                .map((c) => (c.name === "pk" ? { ...c, type: "character varying", length: "20" } : c)),
            column({ schema: "public", table: "user", name: "nickname", type: "text" }),
            column({ schema: "public", table: "tag", name: "id", type: "integer", primary: true }),
        ],
        primaryKeys: [...before.primaryKeys.filter((pk) => pk.table !== "end"), { schema: "public", table: "tag", name: "PK_tag", columns: ["id"] }],
        indexes: before.indexes.filter((i) => i.name === "IDX_partial" || i.name === "IDX_expression"),
        foreignKeys: before.foreignKeys.filter((f) => f.referencedTable !== "end" && f.table !== "end"),
    };
    const changes = schemaChanges(before, after, "r2");

    it("finds the tables and columns a revision added, altered and dropped", () => {
        expect([...changes.addedTables]).to.deep.equal(["public\u0000tag"]);
        expect(Object.fromEntries(changes.alteredTables)).to.deep.equal({
            [`public\u0000${lines}`]: ["column pk altered (type, length)", "column group by dropped", 'index IDX `odd` "name" dropped'],
            "public\u0000user": ["column nickname added", "foreign key FK_profile dropped"],
        });
        expect(changes.droppedTables).to.deep.equal(["end"]);
        expect(changes.droppedColumns).to.deep.equal([`${lines}.group by`]);
        expect(schemaChanges(after, after, "r3")).to.deep.include({ droppedTables: [], droppedColumns: [] });
    });

    it("marks them in the Mermaid comments and attribute comments, and still parses", async () => {
        const text = mermaidErd(after, { changes });
        expect(text).to.include('%% dropped by r2: table end, column order "lines".group by');
        const parsed = await parseErDiagram(text);
        expect(parsed.entities.get(lines)?.find((a) => a.name === "_pk")?.comment).to.equal("altered by r2: type, length; name: pk");
        expect(parsed.entities.get("user")?.find((a) => a.name === "nickname")?.comment).to.equal("added by r2");
        expect(parsed.entities.get("tag")?.[0].comment).to.equal("added by r2");
    });

    it("colours added and altered tables in DBML, notes each change and lists what was dropped", () => {
        const database = parseDbml(dbmlErd(after, { changes }));
        const tables = new Map(database.schemas.flatMap((s) => s.tables).map((t) => [t.name, t]));
        expect(tables.get("tag")?.headerColor).to.equal("#2E7D32");
        expect(tables.get("user")?.headerColor).to.equal("#F9A825");
        expect(tables.get("user")?.note).to.equal("altered by r2: column nickname added; foreign key FK_profile dropped");
        expect(tables.get("events")?.headerColor).to.equal(undefined);
        expect(tables.get(lines)?.fields.find((f) => f.name === "pk")?.note).to.equal("altered by r2: type, length");
        expect(database.notes.map((n) => [n.name, n.content])).to.deep.equal([["changed by r2", 'dropped by r2: table end, column order "lines".group by']]);
    });
});

describe("history --format mermaid: the revision graph as a flowchart (parsed by mermaid)", () => {
    const node = (revision: string, parents: string[], timestamp: number): RevisionNode => ({
        revision,
        parents,
        timestamp,
        name: `M${timestamp}`,
        message: `${revision}: "quoted" <b>#1</b>`,
        file: `${revision}.ts`,
    });
    // a1 branches into b2, c3 and d4; e5 merges all three (an octopus), f6 branches off b2 and stays a head.
    const graph = new RevisionGraph([
        node("a1", [], 1),
        node("b2", ["a1"], 2),
        node("c3", ["a1"], 3),
        node("d4", ["a1"], 4),
        node("e5", ["b2", "c3", "d4"], 5),
        node("f6", ["b2"], 6),
    ]);

    it("draws one edge per parent, merges as hexagons, heads and the current revision by class", async () => {
        const parsed = await parseFlowchart(mermaidHistory(graph, { current: new Set(["e5"]) }).join("\n"));
        const byLabel = new Map([...parsed.vertices.values()].map((v) => [v.text.split("<br/>")[0], v]));
        expect([...byLabel.keys()]).to.have.members(["base", "a1 (branchpoint)", "b2 (branchpoint)", "c3", "d4", "e5 (head, mergepoint)", "f6 (head)"]);
        expect(byLabel.get("e5 (head, mergepoint)")).to.deep.include({ type: "hexagon", classes: ["head", "current"] });
        expect(byLabel.get("c3")?.text).to.equal('c3<br/>c3: "quoted" <b>#1</b>');
        const id = (label: string) => [...parsed.vertices].find(([, v]) => v.text.startsWith(`${label}<br/>`) || v.text === label)?.[0];
        // base -> a1, one for each of b2, c3, d4 and f6, three into e5
        expect(parsed.edges).to.have.length(8);
        expect(parsed.edges.filter(([from]) => from === id("base"))).to.have.length(1);
        expect(
            parsed.edges.filter(([, to]) => to === id("e5 (head, mergepoint)")).map(([from]) => parsed.vertices.get(from)?.text.slice(0, 2)),
        ).to.have.members(["b2", "c3", "d4"]);
    });

    it("draws a range with the parents outside it as dashed stand-ins", async () => {
        const nodes = graph.all().filter((n) => ["e5", "f6"].includes(n.revision));
        const parsed = await parseFlowchart(mermaidHistory(graph, { nodes, title: "default" }).join("\n"));
        const outside = [...parsed.vertices.values()].filter((v) => v.classes.includes("outside")).map((v) => v.text);
        expect(outside).to.have.members(["b2", "c3", "d4"]);
        expect(parsed.edges).to.have.length(4);
    });

    it("draws a squash beside the revisions it replaces, those dashed and joined to it by a dotted edge", async () => {
        const replaces = ["a1", "a2", "a3"].map((revision, i) => ({ revision, name: `M${i + 1}` }));
        const squashed = new RevisionGraph([
            node("a1", [], 1),
            node("a2", ["a1"], 2),
            node("a3", ["a2"], 3),
            { ...node("s9", [], 4), replaces },
            node("a4", ["a3"], 5),
        ]);
        const parsed = await parseFlowchart(mermaidHistory(squashed).join("\n"));
        const byRevision = new Map([...parsed.vertices].map(([id, v]) => [v.text.slice(0, 2), { id, ...v }]));
        expect(byRevision.get("s9")?.text).to.match(/^s9 \(squash of 3: a1 \.\. a3\)<br\/>/);
        expect(["a1", "a2", "a3"].map((r) => byRevision.get(r)?.classes)).to.deep.equal([["replaced"], ["replaced"], ["replaced"]]);
        expect(byRevision.get("a3")?.text).to.match(/^a3 \(replaced by s9\)/);
        expect(byRevision.get("a4")?.classes).to.deep.equal(["head"]);
        const edge = (from: string, to: string) => parsed.edges.some(([a, b]) => a === byRevision.get(from)?.id && b === byRevision.get(to)?.id);
        expect([edge("s9", "a4"), edge("a3", "s9"), edge("a3", "a4")]).to.deep.equal([true, true, false]);
        expect(parsed.edges).to.have.length(6);
    });
});
