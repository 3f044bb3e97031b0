import { expect } from "chai";
import type { TempProject } from "./temp-project";

/**
 * The first two steps every scenario takes, as a user would: `init -d src/data-source.ts`, then
 * `generate -m <message>` with no `-d`; one migration and its `.json` land in `migrations`. Returns
 * the TypeORM version that `.json` records.
 */
export function initAndGenerateFirst(project: TempProject, migrations: string, message: string): string {
    const init = project.cli(["init", "-d", "src/data-source.ts"]);
    expect(init.status, init.output).to.equal(0);
    const generate = project.cli(["generate", "-m", message]);
    expect(generate.status, generate.output).to.equal(0);
    expect(project.files(migrations, ".ts"), generate.output).to.have.length(1);
    const snapshots = project.files(migrations, ".json");
    expect(snapshots, generate.output).to.have.length(1);
    return (JSON.parse(project.read(`${migrations}/${snapshots[0]}`)) as { typeormVersion: string }).typeormVersion;
}
