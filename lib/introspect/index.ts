export { introspect } from "./introspect";
export type { IntrospectOptions } from "./options";
export { IntrospectionError } from "./errors";
