import { UserFileError } from "./errors";

/**
 * TypeORM's DriverPackageNotInstalledError (thrown by `new DataSource()` in the user's file) as one
 * line naming the package: the database drivers are optional peers, installed by the application.
 */
export function missingDriverError(error: unknown): UserFileError | null {
    if (!(error instanceof Error) || error.name !== "DriverPackageNotInstalledError") return null;
    const driver = /^(\S+) package has not been found/.exec(error.message)?.[1];
    const packageName = /npm install ([^"\s]+)/.exec(error.message)?.[1];
    if (packageName === undefined) return null;
    return new UserFileError(`the data source uses ${driver?.toLowerCase() ?? "a driver"}: install its driver with npm i ${peerPackage(packageName)}`);
}

// TypeORM 0.3 names the old `mysql` client; it loads `mysql2` as well, which is the one 1.x needs.
function peerPackage(packageName: string): string {
    return packageName === "mysql" ? "mysql2" : packageName;
}
