import type { Schema } from "./model";

/** A whole schema as canonical JSON, one entry per line, for reading and diffing by humans. */
export function serializeSchema(schema: Schema): string {
    const lines: string[] = [];
    for (const [key, value] of Object.entries(schema)) {
        if (!Array.isArray(value)) {
            lines.push(`  ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
            continue;
        }
        const entries = value.map((entry) => `    ${JSON.stringify(entry)}`).join(",\n");
        lines.push(`  ${JSON.stringify(key)}: [${entries ? `\n${entries}\n  ` : ""}]`);
    }
    return `{\n${lines.join(",\n")}\n}\n`;
}
