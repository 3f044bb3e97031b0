import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// How a one-shot process (the CLI) keeps its peak memory down while it reads entities. Process-wide
// V8 settings and forced collections: the CLI's choice, never the library's (a process that reads
// schemas again and again, as the test suites do, would pay a full collection each time).

/** Above this many entities the old generation grows by a fixed 10% (see `beforeMetadataBuild`). */
const largeBuildLimit = 2000;
/** From this many entities built by TypeORM in a read that took the rest from the unit cache, a full collection follows it. */
const keptReadBuildLimit = 250;

let tuned = false;
let heapGrowthSet = false;
let collect: (() => void) | undefined;

/**
 * Called once by the CLI at start-up (every command), before it loads TypeORM or the user's modules. V8's young
 * generation is kept at its first size (1 MB a half) instead of growing to 16 MB a half: once
 * grown it never shrinks within a command, and loading 10,000 entity modules alone grows it.
 * `--max-semi-space-size` would bound it at 8 MB, but V8 reads it only when the heap is set up
 * (set here, it changes nothing), and only as a `node` option. Measured (warm caches,
 * interleaved, `generate --dry-run`): at 1,000 tables, peak 120-124 MB instead of 134-139 at the
 * same CPU (5 pairs); at 10,000 tables, 255-267 MB instead of 289-297 at about a third more CPU
 * (12.6-13.1 s instead of 9.4-10.1; 3 pairs): most of what a large build allocates survives, and
 * is copied once more. Memory is the target there (under 300 MB); the time is still a small
 * fraction of TypeORM's own generation's.
 */
export function tuneMemoryForCli(): void {
    tuned = true;
    setFlagsFromString("--semi-space-growth-factor=1");
}

/**
 * Before TypeORM builds the metadata of `entities` entities (the setting is sticky, hence chosen
 * here by size, not at start). Above `largeBuildLimit`, the later steps (replay, diff, rendering)
 * each leave tens of MB of garbage and V8 lets the old generation grow past it; growing the heap
 * by 10% per collection instead of V8's dynamic factor cut 10,000 tables' peak from 530-600 MB to
 * about 400 MB at no measured CPU cost.
 */
export function beforeMetadataBuild(entities: number): void {
    if (!tuned || heapGrowthSet || entities <= largeBuildLimit) return;
    setFlagsFromString("--heap-growing-percent=10");
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

/**
 * After a read that took units from the unit cache, `built` of its `entities` built by TypeORM:
 * the full collection is for the garbage of that build, and with a unit or two built it was some
 * 20 ms of a 0.8 s `generate` at 1,000 entities for nothing. Above `largeBuildLimit` entities it
 * follows all the same: the replay and the diff then allocate tens of MB, and it kept the peak at
 * 10,000 tables 5 MB lower.
 */
export function afterUnitsRead(built: number, entities: number): void {
    if (built >= keptReadBuildLimit || entities > largeBuildLimit) afterMetadataReleased();
}
