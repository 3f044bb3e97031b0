import { expect } from "chai";
import type { DataSource } from "typeorm";
import { blogVersions } from "../../fixtures/blog/versions";
import { mysqlHarnesses } from "../support/dialect-harness";
import { describeVersionSteps } from "../support/version-steps";

// The blog v1 → v2 → v3 on MariaDB, through TypeORM's `mysql` and `mariadb` drivers: each upgrade
// builds what synchronize() builds, check is clean, each down restores the catalog before it,
// and rows written at v1 survive v2's type changes (title varchar(200) → varchar(250), ...).

const steps = blogVersions.map((version) => ({ id: version.revisionId, build: version.dataSource }));

async function writeRows(dataSource: DataSource): Promise<void> {
    await dataSource.query("INSERT INTO `user` (`email`, `displayName`) VALUES ('ada@example.com', 'Ada')");
    await dataSource.query("INSERT INTO `post` (`title`, `body`, `status`, `authorId`) VALUES ('Kept title', 'Body', 'published', 1)");
    await dataSource.query("INSERT INTO `comment` (`body`, `postId`, `authorId`) VALUES ('Nice', 1, 1)");
}

async function expectRows(dataSource: DataSource): Promise<void> {
    expect(await dataSource.query("SELECT `title`, `status` FROM `post`")).to.deep.equal([{ title: "Kept title", status: "published" }]);
    expect(await dataSource.query("SELECT `body` FROM `comment`")).to.deep.equal([{ body: "Nice" }]);
    expect(await dataSource.query("SELECT `email`, `role` FROM `user`")).to.deep.equal([{ email: "ada@example.com", role: "reader" }]);
}

for (const harness of mysqlHarnesses) {
    describeVersionSteps("blog v1 → v2 → v3", harness, steps, {
        afterUpgrade: async (index, dataSource) => {
            if (index === 0) await writeRows(dataSource);
            else await expectRows(dataSource);
        },
        afterDowngrade: async (index, dataSource) => {
            if (index >= 0) await expectRows(dataSource);
        },
    });
}
