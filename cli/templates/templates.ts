/** The layouts `init` can write; `list-templates` lists them. */
export const initTemplates = {
    generic: "one database: migrations/default/, the data source given with -d <file>",
    multidb: "several databases (binds): migrations/<bind>/ and typeorm-migrate.config.ts naming each bind",
} as const;

export type InitTemplate = keyof typeof initTemplates;
