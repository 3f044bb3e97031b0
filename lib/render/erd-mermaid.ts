import { frontMatter, mermaidQuoted } from "../revisions/graph-mermaid";
import type { Schema } from "../schema/model";
import { describeColumnChange, type SchemaChanges } from "./erd-changes";
import { columnKey, erdRelations, erdTables, tableKey, type ErdColumn, type ErdRelation } from "./erd-tables";

/** What a diagram says besides the schema; the same options for every format. */
export interface ErdOptions {
    /** Shown above the diagram (the bind's name when there are several). */
    readonly title?: string;
    /** A line for the reader of the source: which revision this is. */
    readonly caption?: string;
    /** Marks what one revision changed. */
    readonly changes?: SchemaChanges;
}

/** Words erDiagram's lexer reads as keywords wherever they stand: such names are quoted. */
const mermaidKeywords = new Set(["erdiagram", "style", "classdef", "class", "subgraph", "end", "one", "many", "only", "to", "optionally", "zero", "direction"]);

/**
 * The schema as a Mermaid `erDiagram`: each table with its columns, their types and PK / FK / UK
 * markers, and each foreign key as a relation whose ends say how many rows each side may have.
 * `--changed` marks added and altered columns in their comment and lists what was dropped in `%%` lines.
 *
 * @example
 * mermaidErd(schema).split("\n").slice(0, 3) // ["erDiagram", "    user {", "        integer id PK"]
 */
export function mermaidErd(schema: Schema, options: ErdOptions = {}): string {
    const { changes } = options;
    const lines = [...frontMatter(options.title), "erDiagram"];
    if (options.caption !== undefined) lines.push(`    %% ${oneLine(options.caption)}`);
    if (changes !== undefined) lines.push(...changeComments(changes));
    for (const table of erdTables(schema)) {
        const key = tableKey(table.ref);
        const mark = changes?.addedTables.has(key) === true ? "added" : changes?.alteredTables.has(key) === true ? "altered" : undefined;
        if (mark !== undefined) lines.push(`    %% ${table.name}: ${mark} by ${changes?.revision ?? ""}`);
        lines.push(`    ${entityName(table.name)} {`, ...table.columns.map((column) => `        ${attribute(column, changes)}`), "    }");
    }
    lines.push(...erdRelations(schema).map((relation) => `    ${relationLine(relation)}`));
    return `${lines.join("\n")}\n`;
}

function changeComments(changes: SchemaChanges): string[] {
    const dropped = [...changes.droppedTables.map((name) => `table ${name}`), ...changes.droppedColumns.map((name) => `column ${name}`)];
    return [`    %% changed by ${changes.revision}`, ...(dropped.length > 0 ? [`    %% dropped by ${changes.revision}: ${oneLine(dropped.join(", "))}`] : [])];
}

/** `type name PK, FK "comment"`: names and types Mermaid cannot take as they are become words it can, and the real name goes in the comment. */
function attribute(entry: ErdColumn, changes: SchemaChanges | undefined): string {
    const { column } = entry;
    const name = attributeWord(column.name);
    const keys = [entry.primary ? "PK" : null, entry.foreign ? "FK" : null, entry.unique ? "UK" : null].filter((key) => key !== null);
    const change = changes?.columns.get(columnKey(column));
    const notes = [
        ...(change !== undefined && changes !== undefined ? [describeColumnChange(change, changes.revision)] : []),
        ...(name !== column.name ? [`name: ${column.name}`] : []),
        ...(column.comment !== null && column.comment !== "" ? [column.comment] : []),
    ];
    return [attributeWord(entry.type), name, keys.join(", "), notes.length > 0 ? mermaidQuoted(notes.join("; ")) : ""].filter(Boolean).join(" ");
}

/**
 * A word erDiagram reads as an attribute's type or name: letters (any beyond Latin-1's symbols),
 * digits, `_`, `-`, parentheses, brackets and commas, not starting with a digit; anything else
 * becomes `_`. A word starting with PK, FK or UK would be read as that key, so it gets a `_` first.
 */
function attributeWord(text: string): string {
    const word = text.replace(/[^A-Za-z0-9_\-()[\],\u00C0-\uFFFF]/g, "_");
    return /^[^A-Za-z_\u00C0-\uFFFF]/.test(word) || /^(pk|fk|uk)\b/i.test(word) ? `_${word}` : word;
}

/** A table name as is where erDiagram reads it as one word, quoted otherwise. */
function entityName(name: string): string {
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !mermaidKeywords.has(name.toLowerCase()) ? name : mermaidQuoted(name);
}

/**
 * `parent ||--o{ child : "column"`. The parent's end: exactly one, or zero or one when a referencing
 * column is nullable; the child's end: zero or more, or zero or one when the referencing columns
 * are unique. A solid line when they are part of the child's primary key, dashed otherwise.
 */
function relationLine(relation: ErdRelation): string {
    const parentEnd = relation.optional ? "|o" : "||";
    const childEnd = relation.oneToOne ? "o|" : "o{";
    const line = relation.identifying ? "--" : "..";
    const label = mermaidQuoted(relation.foreignKey.columns.join(", "));
    return `${entityName(relation.parent)} ${parentEnd}${line}${childEnd} ${entityName(relation.child)} : ${label}`;
}

function oneLine(text: string): string {
    return text.replace(/\s+/g, " ");
}
