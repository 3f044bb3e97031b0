import { expect } from "chai";
import { runPool, type PoolOutcome } from "../../lib/fleet/run-pool";

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("fleet: runPool", () => {
    it("never runs more than `parallel` at once, and returns the outcomes in the items' order", async () => {
        let running = 0;
        let peak = 0;
        const outcomes = await runPool([30, 5, 20, 1, 10, 2, 15], { parallel: 3 }, async (ms) => {
            peak = Math.max(peak, ++running);
            await tick(ms);
            running--;
            return ms * 2;
        });
        expect(peak).to.equal(3);
        expect(outcomes.map((o) => (o.status === "done" ? o.value : null))).to.deep.equal([60, 10, 40, 2, 20, 4, 30]);
    });

    it("goes on after a failure, and reports it with the error", async () => {
        const outcomes = await runPool(["a", "b", "c"], { parallel: 1 }, async (item) => {
            if (item === "b") throw new Error("b broke");
            return item;
        });
        expect(outcomes.map((o) => o.status)).to.deep.equal(["done", "failed", "done"]);
        expect(((outcomes[1] as Extract<PoolOutcome<string, string>, { status: "failed" }>).error as Error).message).to.equal("b broke");
    });

    it("with failFast starts nothing after the first failure; those under way finish", async () => {
        const started: number[] = [];
        const outcomes = await runPool([0, 1, 2, 3, 4, 5], { parallel: 2, failFast: true }, async (item) => {
            started.push(item);
            await tick(item === 1 ? 30 : 5);
            if (item === 0) throw new Error("first fails");
            return item;
        });
        expect(started).to.deep.equal([0, 1]);
        expect(outcomes.map((o) => o.status)).to.deep.equal(["failed", "done", "skipped", "skipped", "skipped", "skipped"]);
    });

    it("starts nothing once the signal is aborted, and calls onSettled as each ends", async () => {
        const stop = new AbortController();
        const settled: string[] = [];
        const outcomes = await runPool(
            ["a", "b", "c", "d"],
            { parallel: 1, signal: stop.signal, onSettled: (o) => settled.push(`${o.item}:${o.status}`) },
            async (item) => {
                if (item === "b") stop.abort();
                return item;
            },
        );
        expect(outcomes.map((o) => o.status)).to.deep.equal(["done", "done", "skipped", "skipped"]);
        expect(settled).to.deep.equal(["a:done", "b:done", "c:skipped", "d:skipped"]);
    });

    it("takes no items, and a parallel above the item count", async () => {
        expect(await runPool([], { parallel: 4 }, async () => 1)).to.deep.equal([]);
        expect((await runPool([1], { parallel: 8 }, async (n) => n)).map((o) => o.status)).to.deep.equal(["done"]);
    });
});
