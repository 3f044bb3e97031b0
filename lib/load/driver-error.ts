import { missingDriverPackage } from "../typeorm";
import { UserFileError } from "./errors";

/**
 * TypeORM's DriverPackageNotInstalledError (thrown by `new DataSource()` in the user's file) as one
 * line naming the package: the database drivers are optional peers, installed by the application.
 */
export function missingDriverError(error: unknown): UserFileError | null {
    const missing = missingDriverPackage(error);
    if (missing === null) return null;
    return new UserFileError(`the data source uses ${missing.driver ?? "a driver"}: install its driver with npm i ${missing.install}`);
}
