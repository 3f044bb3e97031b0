export { introspect } from "./introspect";
export type { IntrospectOptions } from "../catalog/options";
export { IntrospectionError } from "../catalog/errors";
