import { createHash } from "node:crypto";
import type { DataSource } from "typeorm";

/** A value the fingerprint cannot spell out (an object inside itself): whatever depends on it is not kept. */
export class UnfingerprintableError extends Error {
    override readonly name = "UnfingerprintableError";
}

/**
 * A text that differs wherever two decorator arguments (or data-source options) could make TypeORM
 * build other metadata: JSON, with what JSON cannot tell apart spelled out (see `spellOut`).
 * Throws UnfingerprintableError for an object inside itself.
 */
export function fingerprintText(value: unknown): string {
    try {
        return JSON.stringify(value, spellOut) ?? "\u0000u";
    } catch (error) {
        throw new UnfingerprintableError(`cannot fingerprint: ${error instanceof Error ? error.message : String(error)}`);
    }
}

/**
 * A JSON.stringify replacer: every value JSON would drop, merge or lose, as a string marked with NUL
 * (a string starting with NUL gets one more); functions by their name and source; a column's
 * `default` function also by what it returns now (TypeORM calls it for the SQL default, so a closure
 * over a changed constant must not read as unchanged); an instance with its class's name.
 */
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
