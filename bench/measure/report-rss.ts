import { writeFileSync } from "node:fs";

// Preloaded with `node -r` into every timed process, of either tool: the peak resident set
// size, written where the runner looks for it, whichever way the process ends.
const target = process.env.BENCH_RSS_FILE;
if (target) {
    process.on("exit", () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
}
