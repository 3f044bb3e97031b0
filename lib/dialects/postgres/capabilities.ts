import type { Capabilities } from "../dialect";

export const postgresCapabilities: Capabilities = {
    transactionalDdl: true,
    rebuildsTables: false,
    supportsSchemas: true,
    supportsEnumTypes: true,
};
