/** What a dialect answers when migrations run against (or are printed for) its database. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled as the runner's branches move into the dialects
export interface DialectRuntime {}
