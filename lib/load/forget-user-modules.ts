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
                if (!before.has(file) && !file.includes("/node_modules/")) delete require.cache[file];
            }
        },
    };
}
