/** A database driver package TypeORM could not load, and the one to install. */
export interface MissingDriverPackage {
    /** The driver as TypeORM's error names it, lowercased (`postgres`); undefined if it names none. */
    readonly driver: string | undefined;
    readonly install: string;
}

/**
 * Reads TypeORM's DriverPackageNotInstalledError (thrown by `new DataSource()` when the driver's
 * package is missing); null for any other error. TypeORM 0.3 names the old `mysql` client; it
 * loads `mysql2` as well, which is the one 1.x needs, so that is the one to install.
 */
export function missingDriverPackage(error: unknown): MissingDriverPackage | null {
    if (!(error instanceof Error) || error.name !== "DriverPackageNotInstalledError") return null;
    const driver = /^(\S+) package has not been found/.exec(error.message)?.[1];
    const named = /npm install ([^"\s]+)/.exec(error.message)?.[1];
    if (named === undefined) return null;
    return { driver: driver?.toLowerCase(), install: named === "mysql" ? "mysql2" : named };
}
