import type { Capabilities } from "../dialect";

// MySQL and MariaDB commit DDL implicitly: a failed migration leaves what already ran applied.
export const mysqlCapabilities: Capabilities = {
    transactionalDdl: false,
    rebuildsTables: false,
    supportsSchemas: false,
    supportsEnumTypes: false,
};
