import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { LockFile } from "../../lib/dialects/sqlite/lock-file";

/** A pid that was alive a moment ago and is not now: a process that ran and exited. */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid;

describe("LockFile: when a lock file left behind counts as abandoned", () => {
    let dir: string;
    let path: string;
    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), "tm-lock-file-"));
        path = join(dir, "db.sqlite.typeorm-migrate.lock");
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const ageBy = (file: string, seconds: number) => {
        const then = new Date(Date.now() - seconds * 1000);
        utimesSync(file, then, then);
    };
    const holds = () => readFileSync(path, "utf8") === `${process.pid}@${hostname()}`;

    it("takes a free lock, names itself in it, and removes it on release", () => {
        const lock = new LockFile(path);
        expect(lock.tryTake()).to.equal(true);
        expect(holds()).to.equal(true);
        lock.release();
        expect(existsSync(path)).to.equal(false);
    });

    it("takes over a holder's name with a trailing newline when that process is dead (it waited forever)", () => {
        writeFileSync(path, `${deadPid()}@${hostname()}\n`);
        expect(new LockFile(path).tryTake()).to.equal(true);
        expect(holds()).to.equal(true);
    });

    it("waits for a live holder, trailing newline or not, and names it", () => {
        for (const text of [`${process.ppid}@${hostname()}\n`, `${process.ppid}@${hostname()}`]) {
            writeFileSync(path, text);
            const lock = new LockFile(path);
            expect(lock.tryTake()).to.equal(false);
            expect(lock.describeHolder()).to.equal(`pid ${process.ppid} on ${hostname()}`);
        }
    });

    it("takes over an empty lock file older than the grace period (it waited forever), not a fresh one", () => {
        writeFileSync(path, "");
        const lock = new LockFile(path);
        expect(lock.tryTake(), "a holder may be writing its name right now").to.equal(false);
        expect(lock.describeHolder()).to.equal("a process that wrote no name in it");
        ageBy(path, 10);
        expect(lock.tryTake()).to.equal(true);
        expect(holds()).to.equal(true);
    });

    it("never takes over a lock held on another host: its process cannot be checked from here", () => {
        writeFileSync(path, `${deadPid()}@not-${hostname()}`);
        ageBy(path, 3600);
        expect(new LockFile(path).tryTake()).to.equal(false);
    });

    it("clears a takeover left by a process that died during it, then takes the lock", () => {
        writeFileSync(path, `${deadPid()}@${hostname()}`);
        writeFileSync(`${path}.takeover`, `${deadPid()}@${hostname()}`);
        const lock = new LockFile(path);
        expect(lock.tryTake()).to.equal(false);
        expect(lock.tryTake()).to.equal(true);
        expect(existsSync(`${path}.takeover`)).to.equal(false);
    });
});
