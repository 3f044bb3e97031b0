import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";

/**
 * A lock held by creating a file exclusively. It names its holder (pid@host), so a lock left by a
 * process that died (SIGKILL) is recognized on the same host and taken over.
 */
export class LockFile {
    private readonly owner = `${process.pid}@${hostname()}`;

    constructor(readonly path: string) {}

    tryTake(): boolean {
        try {
            writeFileSync(this.path, this.owner, { flag: "wx" });
            return true;
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        }
        if (!this.heldByDeadProcess()) return false;
        rmSync(this.path, { force: true });
        return this.tryTake();
    }

    readonly release = (): void => {
        if (this.holder() === this.owner) rmSync(this.path, { force: true });
    };

    private holder(): string | null {
        try {
            return readFileSync(this.path, "utf8");
        } catch {
            return null;
        }
    }

    private heldByDeadProcess(): boolean {
        const [pid, host] = (this.holder() ?? "").split("@");
        if (host !== hostname() || !/^\d+$/.test(pid ?? "")) return false;
        try {
            process.kill(Number(pid), 0);
            return false;
        } catch (error) {
            return (error as NodeJS.ErrnoException).code === "ESRCH";
        }
    }
}
