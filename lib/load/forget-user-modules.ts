import { join, sep } from "node:path";

/** This tool's own compiled tree (dist/): never the user's, even when not installed under node_modules. */
const ownTree = join(__dirname, "..", "..") + sep;

/** The CommonJS modules loaded so far: those loaded after it can be forgotten, to load them again. */
export interface RequireCacheMark {
    /** Drops the user's modules (outside node_modules) required since the mark from require's cache. */
    forgetUserModules(): void;
}

export function markRequireCache(): RequireCacheMark {
    const before = new Set(Object.keys(require.cache));
    return {
        forgetUserModules() {
            for (const file of Object.keys(require.cache)) {
                if (!before.has(file) && !file.includes(`${sep}node_modules${sep}`) && !file.startsWith(ownTree)) delete require.cache[file];
            }
        },
    };
}
