import type { DataSource, DataSourceOptions } from "typeorm";
import { dialectForDriver } from "../dialects/registry";
import { pointAtUrl } from "../load/point-at-url";
import type { FleetTarget } from "./fleet-target";
import { TargetsError } from "./errors";

/**
 * A data source of its own for one target, made by the same TypeORM copy from the bind's options:
 * pointed at the target's URL or schema, and kept to one connection, so `--parallel N` holds N.
 * Not connected.
 */
export function dataSourceForTarget(base: DataSource, target: FleetTarget): DataSource {
    const { runtime } = dialectForDriver(base.options.type);
    const extra: Record<string, unknown> = { ...(base.options.extra as Record<string, unknown> | undefined), ...runtime.singleConnectionOptions };
    if (target.schema !== undefined) {
        if (runtime.schemaTargets === null) throw new TargetsError(`target ${target.name}: ${base.options.type} has no schemas to run migrations in`);
        Object.assign(extra, runtime.schemaTargets.connectionOptions(target.schema));
    }
    // The driver reads `schema` when it is made: it goes to the constructor, not to setOptions().
    const options = { ...base.options, extra, ...(target.schema === undefined ? {} : { schema: target.schema }) } as DataSourceOptions;
    const DataSourceClass = base.constructor as new (options: DataSourceOptions) => DataSource;
    const copy = new DataSourceClass(options);
    if (target.url !== undefined) pointAtUrl(copy, target.url, { source: `target ${target.name}` });
    if (target.schema !== undefined) runtime.schemaTargets?.lockPerSchema(copy);
    return copy;
}
