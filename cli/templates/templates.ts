/** The layouts `init` can write; `list-templates` lists them. */
export const initTemplates = {
    generic:
        "one database: with -d <file>, recorded in typeorm-migrate.config.json; migrations where its DataSource's migrations glob looks (else migrations/default/)",
    multidb: "several databases (binds): migrations/<bind>/ and typeorm-migrate.config.ts naming each bind",
} as const;

export type InitTemplate = keyof typeof initTemplates;
