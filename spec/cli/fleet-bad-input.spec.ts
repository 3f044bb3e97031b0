import { expect } from "chai";
import { fleetProject, type FleetProject } from "../support/fleet-project";
import { blogDataSourceFile, distRoot, type CliRun } from "../support/run-cli";

/** A PostgreSQL URL nothing listens on: none of these runs may get as far as connecting to a target. */
const nowhere = "postgres://postgres@127.0.0.1:1/tm_fleet_nowhere";

/** Exit 2 (bad input, nothing changed) and one line on standard error. */
function expectBadInput(run: CliRun, message: RegExp): void {
    expect(run.status, run.stderr + run.stdout).to.equal(2);
    const lines = run.stderr.trim().split("\n");
    expect(lines, run.stderr).to.have.length(1);
    expect(lines[0]).to.match(message);
}

/** A bind's `targets` that cannot be listed, and `--parallel` out of range, stop the command before it connects anywhere. */
describe("fleet: targets that cannot be listed and --parallel out of range are bad input (exit 2, one line)", () => {
    let project: FleetProject;
    const configure = (targets: unknown, dataSource = blogDataSourceFile("v1")) => project.writeConfig({ default: { dataSource, targets } });

    beforeEach(() => {
        project = fleetProject(() => ({ BLOG_URL: nowhere }));
    });
    afterEach(() => project.remove());

    it("{ env } naming an unset or empty variable", () => {
        configure({ env: "TM_FLEET_UNSET_TARGETS" });
        for (const command of [["upgrade"], ["current"], ["check", "--db"]]) {
            expectBadInput(project.cli(command), /^typeorm-migrate: error: targets: the environment variable TM_FLEET_UNSET_TARGETS is not set/);
        }
        expectBadInput(project.cli(["upgrade"], { TM_FLEET_UNSET_TARGETS: " \n" }), /the environment variable TM_FLEET_UNSET_TARGETS is not set/);
    });

    it("{ module } whose function returns something other than a list, or a list of something other than URLs", () => {
        project.writeFile("not-a-list.js", `exports.default = async () => ({ urls: ["${nowhere}"] });\n`);
        configure({ module: "./not-a-list.js" });
        expectBadInput(project.cli(["upgrade"]), /^typeorm-migrate: error: targets: .*not-a-list\.js gave object, not a list of URLs or \{ name, url \}/);
        project.writeFile("numbers.js", `exports.targets = async () => [1, 2];\n`);
        configure({ module: "./numbers.js" });
        expectBadInput(project.cli(["current"]), /numbers\.js gave 1, not a URL or \{ name, url \}/);
        project.writeFile("no-function.js", `exports.tenants = ["${nowhere}"];\n`);
        configure({ module: "./no-function.js" });
        expectBadInput(project.cli(["upgrade"]), /no-function\.js must export \(default, or as `targets`\) an async function/);
    });

    it("{ schemas } on a MariaDB bind", () => {
        const mariadbSource = `exports.default = require(${JSON.stringify(`${distRoot}/fixtures/blog/v1/index.js`)}).blogDataSource({ type: "mariadb", port: 1 });\n`;
        project.writeFile("mariadb.js", mariadbSource);
        configure({ schemas: "tenant_*" }, "./mariadb.js");
        expectBadInput(
            project.cli(["upgrade"]),
            /^typeorm-migrate: error: targets: \{ schemas: "tenant_\*" \} needs a database with schemas; mariadb has none/,
        );
    });

    it("two targets of one name: the same { name } twice, or the same URL twice", () => {
        configure([
            { name: "acme", url: "postgres://postgres@127.0.0.1:1/a" },
            { name: "acme", url: "postgres://postgres@127.0.0.1:1/b" },
        ]);
        expectBadInput(
            project.cli(["upgrade"]),
            /^typeorm-migrate: error: targets: .* names acme more than once; give each \{ name, url \} a name of its own$/,
        );
        configure({ env: "TM_FLEET_TARGETS" });
        expectBadInput(
            project.cli(["stamp", "head"], { TM_FLEET_TARGETS: `${nowhere} ${nowhere}` }),
            /TM_FLEET_TARGETS names 127\.0\.0\.1:1\/tm_fleet_nowhere more than once/,
        );
    });

    it("--parallel 0, negative or fractional", () => {
        configure([nowhere]);
        for (const value of ["0", "-2", "1.5"]) {
            expectBadInput(
                project.cli(["upgrade", "--parallel", value]),
                new RegExp(`^typeorm-migrate: error: --parallel ${value}: give a whole number, 1 or more`),
            );
        }
    });

    it("a URL of another kind in the targets, before any target runs", () => {
        configure([nowhere, "mysql://root@127.0.0.1:1/x"]);
        expectBadInput(project.cli(["upgrade"]), /^typeorm-migrate: error: targets: the bind's `targets` gives 127\.0\.0\.1:1\/x, not a postgres URL$/);
    });

    it("a step count (+N, -N, downgrade's default) where each target would count from its own revision", () => {
        configure([nowhere]);
        expectBadInput(
            project.cli(["upgrade", "+1"]),
            /^typeorm-migrate: error: upgrade \+1: bind "default" has targets, .*; name the revision: upgrade <revision>/,
        );
        expectBadInput(project.cli(["downgrade"]), /^typeorm-migrate: error: downgrade: bind "default" has targets/);
        expectBadInput(project.cli(["downgrade", "-2"]), /^typeorm-migrate: error: downgrade -2: bind "default" has targets/);
        expectBadInput(project.cli(["stamp", "-1"]), /^typeorm-migrate: error: stamp -1: bind "default" has targets/);
    });

    it("generate --from-db on a fleet of schemas", () => {
        configure({ schemas: "tenant_*" });
        expectBadInput(
            project.cli(["generate", "--from-db", "-m", "x"]),
            /^typeorm-migrate: error: bind "default" runs in each tenant's schema: --from-db reads one database/,
        );
    });
});
