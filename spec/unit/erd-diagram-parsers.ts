// The real parsers the diagrams are held to: Mermaid's own (the `mermaid` package, ESM, loaded once)
// and DBML's (`@dbml/core`). Specs read what they parsed, not the text.
import { Parser, type Database } from "@dbml/core";

export interface MermaidAttribute {
    readonly type: string;
    readonly name: string;
    readonly keys: readonly string[];
    readonly comment: string;
}

export interface MermaidRelationship {
    /** Entity names, as Mermaid keeps them (see `decodeMermaid`). */
    readonly from: string;
    readonly to: string;
    /** `cardB` is the `from` end's, `cardA` the `to` end's, as Mermaid names them. */
    readonly cardA: string;
    readonly cardB: string;
    readonly relType: string;
    readonly role: string;
}

export interface ParsedErDiagram {
    readonly entities: ReadonlyMap<string, readonly MermaidAttribute[]>;
    readonly relationships: readonly MermaidRelationship[];
}

export interface ParsedFlowchart {
    readonly vertices: ReadonlyMap<string, { readonly text: string; readonly type: string; readonly classes: readonly string[] }>;
    readonly edges: readonly (readonly [string, string])[];
}

interface ErDb {
    getEntities(): Map<string, { id: string; attributes: { type: string; name: string; keys?: string[]; comment?: string }[] }>;
    getRelationships(): { entityA: string; entityB: string; roleA: string; relSpec: { cardA: string; cardB: string; relType: string } }[];
}

interface FlowDb {
    getVertices(): Map<string, { text?: string; type?: string; classes: string[] }>;
    getEdges(): { start: string; end: string }[];
}

interface MermaidApi {
    parse(text: string): Promise<unknown>;
    mermaidAPI: { getDiagramFromText(text: string): Promise<{ db: unknown }> };
}

let loaded: Promise<MermaidApi> | undefined;

/**
 * Mermaid, once. Its flowchart parser passes each label through DOMPurify, which has nothing to work
 * with outside a browser: the shim lets labels through as they are (sanitizing is the renderer's
 * business, not the grammar's).
 */
function mermaid(): Promise<MermaidApi> {
    loaded ??= (async () => {
        const purify = (await import("dompurify")).default as unknown as { sanitize: (text: string) => string; addHook: () => void };
        purify.sanitize = (text) => text;
        purify.addHook = () => undefined;
        const api: MermaidApi = (await import("mermaid")).default;
        return api;
    })();
    return loaded;
}

/** Mermaid keeps entity codes (`#34;`) as placeholders until it draws; this turns them back into the characters. */
export function decodeMermaid(text: string): string {
    return text.replace(/ﬂ°°(\d+)¶ß/g, (_, code: string) => String.fromCharCode(Number(code)));
}

/** Parses an erDiagram with Mermaid (throws its parse error) and returns its entities and relationships, names decoded. */
export async function parseErDiagram(text: string): Promise<ParsedErDiagram> {
    const api = await mermaid();
    await api.parse(text);
    const db = (await api.mermaidAPI.getDiagramFromText(text)).db as ErDb;
    const names = new Map<string, string>();
    const entities = new Map<string, MermaidAttribute[]>();
    for (const [name, entity] of db.getEntities()) {
        names.set(entity.id, decodeMermaid(name));
        entities.set(
            decodeMermaid(name),
            entity.attributes.map((a) => ({ type: a.type, name: a.name, keys: a.keys ?? [], comment: decodeMermaid(a.comment ?? "") })),
        );
    }
    const relationships = db.getRelationships().map((r) => ({
        from: names.get(r.entityA) ?? r.entityA,
        to: names.get(r.entityB) ?? r.entityB,
        ...r.relSpec,
        role: decodeMermaid(r.roleA),
    }));
    return { entities, relationships };
}

/** Parses a flowchart with Mermaid and returns its vertices (labels decoded) and edges. */
export async function parseFlowchart(text: string): Promise<ParsedFlowchart> {
    const api = await mermaid();
    await api.parse(text);
    const db = (await api.mermaidAPI.getDiagramFromText(text)).db as FlowDb;
    const vertices = new Map([...db.getVertices()].map(([id, v]) => [id, { text: decodeMermaid(v.text ?? ""), type: v.type ?? "", classes: v.classes }]));
    return { vertices, edges: db.getEdges().map((edge) => [edge.start, edge.end] as const) };
}

/** Parses DBML with @dbml/core (throws its diagnostics). */
export function parseDbml(text: string): Database {
    try {
        return Parser.parse(text, "dbmlv2");
    } catch (error) {
        const diags = (error as { diags?: { message: string; location?: { start?: { line: number } } }[] }).diags;
        if (diags === undefined) throw error;
        throw new Error(`DBML does not parse: ${diags.map((d) => `line ${d.location?.start?.line ?? "?"}: ${d.message}`).join("; ")}\n${text}`, {
            cause: error,
        });
    }
}
