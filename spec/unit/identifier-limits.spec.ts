import "reflect-metadata";
import { expect } from "chai";
import { Check, Column, DataSource, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import type { EntityClass } from "../../fixtures/entity-class";
import { exitCodeFor } from "../../cli/report-error";
import { IdentifierLimitError } from "../../lib/entities/errors";
import { readSchema } from "../../lib/entities/read-schema";

// Which long names the reader refuses, per dialect (the CLI and real servers: spec/e2e/identifier-limits.spec.ts).

const base = "a_name_that_runs_on_past_the_sixty_three_bytes_postgresql_keeps_";

@Entity("shelf")
@Index(`${base}one`, ["width"])
@Check(`${base}check_one`, `"width" > 0`)
class Shelf {
    @PrimaryGeneratedColumn() id: number;
    @Column({ type: "int" }) width: number;
}

@Entity("crate")
@Index(`${base}two`, ["depth"])
class Crate {
    @PrimaryGeneratedColumn() id: number;
    @Column({ type: "int" }) depth: number;
}

@Entity("bin")
@Check(`${base}check_two`, `"height" > 0`)
class Bin {
    @PrimaryGeneratedColumn() id: number;
    @Column({ type: "int" }) height: number;
}

@Entity("box")
class Box {
    @PrimaryGeneratedColumn() id: number;
    @ManyToOne(() => Bin)
    @JoinColumn({ foreignKeyConstraintName: `FK_${"x".repeat(70)}` })
    bin: Bin;
}

const postgres = (entities: EntityClass[]) => readSchema(new DataSource({ type: "postgres", database: "unused", entities }));
const mysql = (entities: EntityClass[]) => readSchema(new DataSource({ type: "mysql", database: "unused", entities }));

async function refusal(read: Promise<unknown>): Promise<Error> {
    try {
        await read;
    } catch (error) {
        return error as Error;
    }
    throw new Error("expected the reader to refuse the names");
}

describe("identifier limits, read from the entities", () => {
    it("postgres: two index names one in their first 63 bytes clash across tables (one namespace per schema), naming both", async () => {
        const error = await refusal(postgres([Shelf, Crate]));
        expect(error).to.be.instanceOf(IdentifierLimitError);
        expect(error.message).to.match(
            /^(Shelf\.width|Crate\.depth): index name ".*_(one|two)" is 67 bytes long; PostgreSQL keeps its first 63 .* of (Shelf\.width|Crate\.depth): give one of them a shorter name$/,
        );
        expect(exitCodeFor(error)).to.equal(2);
    });

    it("postgres: two check names one in their first 63 bytes on different tables pass (constraint names are per table)", async () => {
        const schema = await postgres([Shelf, Bin]);
        expect(schema.checks.map((c) => c.name).sort()).to.deep.equal([`${base}check_one`, `${base}check_two`]);
    });

    it("mysql: a foreign key name over 64 characters is refused, naming the entity and relation", async () => {
        const error = await refusal(mysql([Bin, Box]));
        expect(error).to.be.instanceOf(IdentifierLimitError);
        expect(error.message).to.equal(
            `Box.bin: foreign key name "FK_${"x".repeat(70)}" is 73 characters long; MySQL and MariaDB allow 64: give it a shorter name`,
        );
    });

    it("mysql: a check name over 64 characters passes: synchronize() creates no checks on MySQL, nor do migrations", async () => {
        const schema = await mysql([Bin]);
        expect(schema.checks).to.deep.equal([]);
    });

    it("sqlite takes any length", async () => {
        const schema = await readSchema(new DataSource({ type: "better-sqlite3", database: ":memory:", entities: [Shelf, Crate, Bin, Box] }));
        expect(schema.indexes.map((i) => i.name).sort()).to.deep.equal([`${base}one`, `${base}two`]);
    });
});
