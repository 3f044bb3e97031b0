/** What a dialect answers when entities' metadata or a live database are read into the model. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled as the readers move into the dialects
export interface DialectReading {}
