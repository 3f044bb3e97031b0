import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// How a one-shot process (the CLI) keeps its peak memory down while it reads entities. Process-wide
// V8 settings and forced collections: the CLI's choice, never the library's (a process that reads
// schemas again and again, as the test suites do, would pay a full collection each time).

/** Above this many entities a small young generation costs more CPU than it saves memory. */
const smallBuildLimit = 2000;

let tuned = false;
let heapGrowthSet = false;
let collect: (() => void) | undefined;

/** Called once by the CLI at start-up. */
export function tuneMemoryForCli(): void {
    tuned = true;
}

/**
 * Before TypeORM builds the metadata of `entities` entities (the settings are sticky, hence chosen
 * here by size, not at start).
 * - Up to `smallBuildLimit`: most of what the build allocates survives, so V8's young generation
 *   would grow to 16 MB a half; kept at its first size, 1,000 entities peak ~16 MB lower at no
 *   measured CPU cost. At 10,000 entities the same cost a third more CPU.
 * - Above: the later steps (replay, diff, rendering) each leave tens of MB of garbage and V8 lets the
 *   old generation grow past it; growing the heap by 10% per collection instead of V8's dynamic
 *   factor cut 10,000 tables' peak from 530-600 MB to about 400 MB at no measured CPU cost.
 *   The young generation is left to grow to V8's 16 MB a half: it is there already when the build
 *   starts (loading 10,000 entity modules grows it), and `--max-semi-space-size` is read only when
 *   the heap is set up (set here, it changes nothing). Given to `node` at start, at 10,000 tables
 *   (warm caches, interleaved, a loaded machine): without, peak 366-397 MB; 4 MB, 352-360 MB at
 *   20-40% more CPU (4 pairs); 8 MB, 342-353 MB at about 6% more (median of 8 pairs, -4 to +35%).
 */
export function beforeMetadataBuild(entities: number): void {
    if (!tuned || heapGrowthSet) return;
    setFlagsFromString(entities > smallBuildLimit ? "--heap-growing-percent=10" : "--semi-space-growth-factor=1");
    heapGrowthSet = true;
}

/**
 * After the metadata built for a read were let go: one full collection, or V8 grows the old
 * generation past their garbage while the replay and the diff allocate (at 1,000 entities, the
 * process's peak). `--expose-gc` set at run time reaches new contexts only.
 */
export function afterMetadataReleased(): void {
    if (!tuned) return;
    if (collect === undefined) {
        setFlagsFromString("--expose-gc");
        collect = runInNewContext("gc") as () => void;
    }
    collect();
}
