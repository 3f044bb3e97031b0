import { BadInputError } from "../errors";
/** A config file that is missing, cannot load, or says something the tool cannot use. */
export class ConfigError extends BadInputError {
    override readonly name = "ConfigError";
}

/** `--bind` named a bind the configuration does not have. */
export class UnknownBindError extends BadInputError {
    override readonly name = "UnknownBindError";
}

/**
 * The DataSource's `migrations` setting names no folder the tool can write a bind's migrations to
 * (a glob over several folders, or compiled output whose sources cannot be located).
 */
export class MigrationsLayoutError extends ConfigError {}
