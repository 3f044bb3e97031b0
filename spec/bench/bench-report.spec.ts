import { expect } from "chai";
import { renderReport } from "../../bench/report/markdown";
import type { BenchResults, SizeResults } from "../../bench/report/results";

const size: SizeResults = {
    tables: 1000,
    generateMs: 1200,
    generatePeakMb: 110,
    bytesPerRevision: 1939,
    generateUnchangedOps: 0,
    checkMs: 1100,
    metadataFloorMs: 800,
    generateNoUnitsMs: 1400,
    buildMetadataMs: 500,
    readSchemaMs: 100,
    diffMs: 150,
    typeorm: {
        postgres: { generateMs: 9600, peakMb: 155, spurious: 0, synchronizeMs: 19000 },
        mariadb: { generateMs: 12000, peakMb: 156, spurious: 0, synchronizeMs: 15000 },
    },
    oursLiveSpurious: { postgres: 0, mariadb: 0 },
};

const results = (sizes: SizeResults[]): BenchResults => ({
    sizes,
    helpMs: 170,
    runs: 5,
    quick: false,
    machine: { cpus: "cpu", nproc: 2, memoryGb: 24, node: "v20", typeorm: "1.1.1", servers: [] },
});

/** The report's rows for TypeORM's share of `generate` (bench/cases/generate-stages.ts, stage `metadata`). */
describe("bench report: the process up to TypeORM's metadata", () => {
    it("gives its time and the ratio a tool reading TypeORM's metadata could reach at most", () => {
        const report = renderReport(results([size]));
        expect(report).to.include("| its process up to TypeORM's metadata and no further: Node, TypeORM, the entity modules, the metadata build | 800 ms |");
        expect(report).to.include("| `generate`, the same, with no entity units kept (a first run, or the first after an upgrade) | 1400 ms |");
        expect(report).to.include(
            "| ratio TypeORM / that part: the most a tool having TypeORM build every entity's metadata could reach (PostgreSQL, MariaDB) | 12.0×, 15.0× |",
        );
        expect(report).to.include("8.0× (PostgreSQL 8.0×, MariaDB 10.0×; building every entity's metadata alone would be 12.0×)");
    });

    it("shows a dash where the part was not measured", () => {
        const report = renderReport(results([{ ...size, metadataFloorMs: Number.NaN }]));
        expect(report).to.include("| its process up to TypeORM's metadata and no further: Node, TypeORM, the entity modules, the metadata build | – |");
        expect(report).to.include(
            "| ratio TypeORM / that part: the most a tool having TypeORM build every entity's metadata could reach (PostgreSQL, MariaDB) | – |",
        );
        expect(report).to.include("8.0× (PostgreSQL 8.0×, MariaDB 10.0×); spurious").and.not.include("NaN");
    });
});
