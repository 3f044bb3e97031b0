import { createHash } from "node:crypto";
import type { DataSource } from "typeorm";

/** A value the fingerprint cannot spell out (nested too deep): whatever depends on it is not kept. */
export class UnfingerprintableError extends Error {
    override readonly name = "UnfingerprintableError";
}

const maxDepth = 64;

/**
 * A text that differs wherever two decorator arguments (or data-source options) could make TypeORM
 * build other metadata: every own enumerable property, in order, with its value's kind; functions
 * by their name and source; a column's `default` function also by what it returns now (TypeORM
 * calls it for the SQL default, so a closure over a changed constant must not read as unchanged).
 * An object met again inside itself is named by how far up it is.
 */
export function fingerprintText(value: unknown): string {
    try {
        // JSON's own serializer, with what JSON cannot tell apart spelled out, is several times
        // faster than the walk below; an object inside itself (or too deep) takes the walk.
        return `j${JSON.stringify(value, spellOut) ?? "u"}`;
    } catch {
        const out: string[] = [];
        write(value, out, [], undefined);
        return out.join("");
    }
}

/** A JSON.stringify replacer: every value JSON would drop, merge or lose, as a string marked with NUL (a string starting with NUL gets one more). */
function spellOut(this: unknown, key: string, value: unknown): unknown {
    const original = (this as Record<string, unknown> | undefined)?.[key] ?? value;
    switch (typeof original) {
        case "undefined":
            return "\u0000u";
        case "string":
            return original.startsWith("\u0000") ? `\u0000${original}` : original;
        case "number":
            return Number.isFinite(original) && !Object.is(original, -0) ? original : `\u0000#${Object.is(original, -0) ? "-0" : String(original)}`;
        case "bigint":
            return `\u0000n${String(original)}`;
        case "symbol":
            return `\u0000s${String(original.description)}`;
        case "function": {
            const fn = original as (...args: unknown[]) => unknown;
            const text = ["\u0000f", fn.name, Function.prototype.toString.call(fn)];
            return key === "default" && fn.length === 0 ? [...text, defaultResult(fn)] : text;
        }
        case "object": {
            if (original === null || Array.isArray(original)) return original;
            if (original instanceof Date) return `\u0000d${original.getTime()}`;
            if (original instanceof RegExp) return `\u0000r${String(original)}`;
            if (original instanceof Map || original instanceof Set) return [original instanceof Map ? "\u0000M" : "\u0000S", ...original];
            const prototype: unknown = Object.getPrototypeOf(original);
            if (prototype === Object.prototype || prototype === null) return original;
            const constructor = (original as { constructor?: { name?: unknown } }).constructor;
            return { "\u0000c": typeof constructor?.name === "string" ? constructor.name : "null", ...original };
        }
        default:
            return value;
    }
}

/** What a column's default function gives now (TypeORM calls it for the SQL default). */
function defaultResult(fn: () => unknown): unknown {
    try {
        return fn();
    } catch (error) {
        return `throws ${String(error)}`;
    }
}

/** The SHA-1 of `fingerprintText`, or of several texts joined. */
export function fingerprintDigest(...texts: readonly string[]): string {
    const hash = createHash("sha1");
    for (const text of texts) hash.update(text, "utf8").update("\u0000");
    return hash.digest("hex");
}

function write(value: unknown, out: string[], open: object[], key: string | undefined): void {
    if (open.length > maxDepth) throw new UnfingerprintableError(`nested deeper than ${maxDepth}`);
    switch (typeof value) {
        case "undefined":
            out.push("u");
            return;
        case "boolean":
            out.push(value ? "T" : "F");
            return;
        case "number":
            out.push(`#${Object.is(value, -0) ? "-0" : String(value)};`);
            return;
        case "bigint":
            out.push(`#${String(value)}n;`);
            return;
        case "string":
            out.push(JSON.stringify(value));
            return;
        case "symbol":
            out.push(`@${JSON.stringify(String(value.description))}`);
            return;
        case "function":
            writeFunction(value as (...args: unknown[]) => unknown, out, open, key);
            return;
        default:
            writeObject(value as object | null, out, open);
    }
}

function writeFunction(fn: (...args: unknown[]) => unknown, out: string[], open: object[], key: string | undefined): void {
    out.push(`f${JSON.stringify(fn.name)}${JSON.stringify(Function.prototype.toString.call(fn))}`);
    if (key === "default" && fn.length === 0) {
        out.push("=");
        write(defaultResult(fn), out, open, undefined);
    }
}

function writeObject(value: object | null, out: string[], open: object[]): void {
    if (value === null) {
        out.push("n");
        return;
    }
    const seen = open.lastIndexOf(value);
    if (seen >= 0) {
        out.push(`^${open.length - seen}`);
        return;
    }
    open.push(value);
    try {
        if (Array.isArray(value)) {
            out.push("[");
            for (const item of value) write(item, out, open, undefined);
            out.push("]");
            return;
        }
        if (value instanceof Date) {
            out.push(`d${value.getTime()};`);
            return;
        }
        if (value instanceof RegExp) {
            out.push(`r${JSON.stringify(String(value))}`);
            return;
        }
        if (value instanceof Map || value instanceof Set) {
            out.push(value instanceof Map ? "M[" : "S[");
            for (const item of value) write(item, out, open, undefined);
            out.push("]");
            return;
        }
        const constructor = (value as { constructor?: { name?: unknown } }).constructor;
        out.push(`{${constructor === Object ? "" : JSON.stringify(typeof constructor?.name === "string" ? constructor.name : "null")}`);
        for (const name of Object.keys(value)) {
            out.push(JSON.stringify(name), ":");
            write((value as Record<string, unknown>)[name], out, open, name);
        }
        out.push("}");
    } finally {
        open.pop();
    }
}

/**
 * What of a data source its entities' metadata depend on besides their own arguments: its options
 * (the entity, subscriber and migration lists aside) and its naming strategy's code, every class
 * of it (a subclass of TypeORM's default overrides some names).
 */
export function dataSourceFingerprint(dataSource: DataSource): string {
    const { entities: _e, subscribers: _s, migrations: _m, ...options } = dataSource.options as unknown as Record<string, unknown>;
    const strategy: string[] = [];
    for (
        let proto: unknown = Object.getPrototypeOf(dataSource.namingStrategy);
        proto !== null && proto !== Object.prototype;
        proto = Object.getPrototypeOf(proto)
    ) {
        const constructor = (proto as { constructor?: unknown }).constructor;
        strategy.push(typeof constructor === "function" ? Function.prototype.toString.call(constructor) : "?");
    }
    return fingerprintDigest(fingerprintText(options), fingerprintText(strategy));
}
