import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let collect: (() => void) | undefined;

/**
 * A full garbage collection now. TypeORM's metadata build leaves its garbage in the old generation,
 * which V8 grows past (rather than collects) while the next step (replay, diff) allocates: at
 * 1,000 entities that was the process's peak. `--expose-gc` set at run time reaches new contexts only.
 */
export function collectGarbage(): void {
    if (collect === undefined) {
        setFlagsFromString("--expose-gc");
        collect = runInNewContext("gc") as () => void;
    }
    collect();
}
