import type { Capabilities } from "../dialect";

export const sqliteCapabilities: Capabilities = {
    transactionalDdl: true,
    rebuildsTables: true,
    supportsSchemas: false,
    supportsEnumTypes: false,
};
