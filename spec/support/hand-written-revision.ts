import { expect } from "chai";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { distRoot, runCli, type CliRun } from "./run-cli";

export const analyticsDataSource = (version: "v1" | "v2") => join(distRoot, "fixtures", "blog", "analytics", version, "data-source.js");

/**
 * A project on the analytics fixture (v1): the initial revision generated, then a hand-written
 * revision on top whose statements each test chooses.
 */
export interface HandWrittenProject {
    readonly cwd: string;
    readonly initial: string;
    readonly hand: string;
    /** The hand-written revision's class name, as the migrations table records it. */
    readonly handClass: string;
    /** Fills in the hand-written revision: `up` as given (one statement or line of code each), `down` drops `t3`. */
    writeHand(up: readonly string[]): void;
    cli(args: readonly string[], env: Record<string, string>): CliRun;
    remove(): void;
}

/** A statement line of a migration's body. */
export const statement = (sql: string) => `await queryRunner.query(${JSON.stringify(sql)});`;

export function handWrittenProject(env: Record<string, string>): HandWrittenProject {
    const cwd = mkdtempSync(join(tmpdir(), "tm-hand-"));
    const cli = (args: readonly string[], runEnv: Record<string, string>) =>
        runCli([args[0], "-d", analyticsDataSource("v1"), ...args.slice(1)], { cwd, env: runEnv });
    for (const args of [
        ["generate", "-m", "initial"],
        ["revision", "-m", "hand"],
    ]) {
        const run = cli(args, env);
        expect(run.status, run.stderr).to.equal(0);
    }
    const dir = join(cwd, "migrations", "default");
    const files = readdirSync(dir)
        .filter((f) => f.endsWith(".ts"))
        .sort();
    const revisionOf = (file: string) => /Revision: (\w+)/.exec(readFileSync(join(dir, file), "utf8"))?.[1] as string;
    const handFile = join(dir, files[1]);
    const blank = readFileSync(handFile, "utf8");
    return {
        cwd,
        initial: revisionOf(files[0]),
        hand: revisionOf(files[1]),
        handClass: /export class (\w+)/.exec(blank)?.[1] as string,
        cli,
        writeHand: (up) => {
            const body = (lines: readonly string[]) => lines.map((line) => `        ${line}\n`).join("");
            const start = blank.indexOf("    public async up(");
            writeFileSync(
                handFile,
                `${blank.slice(0, start)}    public async up(queryRunner: QueryRunner): Promise<void> {\n${body(up)}    }\n\n` +
                    `    public async down(queryRunner: QueryRunner): Promise<void> {\n${body([statement("DROP TABLE t3")])}    }\n}\n`,
            );
        },
        remove: () => rmSync(cwd, { recursive: true, force: true }),
    };
}
