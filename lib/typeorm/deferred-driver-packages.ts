import { createRequire } from "node:module";
import { resolve } from "node:path";

type Load = (name: string) => unknown;

interface PlatformTools {
    load: Load;
}

/**
 * The database clients TypeORM's driver constructors load and only keep for later (connecting,
 * streaming): none is needed to read entities. `pg-native` is left out on purpose: PostgresDriver
 * reads `pg.native` as soon as it loads, which would load `pg` at once.
 */
const deferrable = new Set(["pg", "mysql2", "mysql", "better-sqlite3"]);

let depth = 0;
let original: Load | undefined;

/**
 * Runs `load` (the user's data source or config file, whose `new DataSource()` constructs the
 * driver) with TypeORM's driver constructors handed a stand-in for the database client package
 * that requires it on first use. Offline commands never use it: loading `pg` took 53 ms of a
 * 1,000-table `generate`, `mysql2` 61 ms. A package that cannot be resolved is loaded as before,
 * so TypeORM's DriverPackageNotInstalledError still comes from `new DataSource()`.
 */
export async function withDriverPackagesDeferred<T>(load: () => Promise<T>): Promise<T> {
    const tools = platformTools();
    if (depth++ === 0) {
        const typeormLoad = (original = tools.load);
        tools.load = function (this: unknown, name: string) {
            if (!deferrable.has(name) || !resolvable(name)) return typeormLoad.call(this, name);
            return deferredModule(() => typeormLoad.call(this, name) as object);
        };
    }
    try {
        return await load();
    } finally {
        if (--depth === 0 && original !== undefined) tools.load = original;
    }
}

function platformTools(): PlatformTools {
    return (require("typeorm/platform/PlatformTools") as { PlatformTools: PlatformTools }).PlatformTools;
}

// PlatformTools.load requires the name from TypeORM's own folder, then from the working directory's node_modules.
function resolvable(name: string): boolean {
    const fromTypeorm = createRequire(require.resolve("typeorm/platform/PlatformTools"));
    for (const request of [name, resolve(process.cwd(), "node_modules", name)]) {
        try {
            fromTypeorm.resolve(request);
            return true;
        } catch {
            // not there; try the next place
        }
    }
    return false;
}

/**
 * Stands for a module until it is used: any read, write, call or `new` loads it and acts on it.
 * Callable, because a package may export a class (better-sqlite3).
 */
function deferredModule(load: () => object): object {
    let loaded: object | undefined;
    const real = (): object => (loaded ??= load());
    const target = function deferredDriverPackage() {};
    const proxy: object = new Proxy(target, {
        get: (_, key): unknown => Reflect.get(real(), key),
        set: (_, key, value) => Reflect.set(real(), key, value),
        has: (_, key) => Reflect.has(real(), key),
        deleteProperty: (_, key) => Reflect.deleteProperty(real(), key),
        defineProperty: (_, key, descriptor) => Reflect.defineProperty(real(), key, descriptor),
        getPrototypeOf: () => Reflect.getPrototypeOf(real()),
        // The stand-in function's own `prototype` cannot be hidden (a proxy's invariant); the others
        // are reported configurable, as a proxy over an object that lacks them must.
        ownKeys: () => [
            ...new Set([...Reflect.ownKeys(real()), ...Reflect.ownKeys(target).filter((key) => !Reflect.getOwnPropertyDescriptor(target, key)?.configurable)]),
        ],
        getOwnPropertyDescriptor: (_, key) => {
            const own = Reflect.getOwnPropertyDescriptor(target, key);
            if (own !== undefined && !own.configurable) return own;
            const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
            return descriptor === undefined ? undefined : { ...descriptor, configurable: true };
        },
        apply: (_, self, args): unknown => Reflect.apply(real() as (...args: unknown[]) => unknown, self, args),
        construct: (_, args, newTarget): object => {
            const constructor = real() as new (...args: unknown[]) => object;
            return Reflect.construct(constructor, args, newTarget === proxy ? constructor : newTarget) as object;
        },
    });
    return proxy;
}
