import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dataSourceSource, type ServerKind } from "../fixture/data-source-source";
import { typeormPath } from "../fixture/write-fixture";

/** Rows of `parent`; every `item.parentId` is between 1 and this. */
export const parentRows = 1000;

export type EntityVersion = "v1" | "v2";

export interface OnlineFixture {
    readonly dir: string;
    /** The data-source file both CLIs load with `-d`. */
    dataSource(kind: ServerKind, version: EntityVersion): string;
}

/**
 * `item` as v1 has it (a plain `parentId`, `code` not unique, `qty` nullable) and as v2 wants it:
 * an index on `qty`, a foreign key to `parent`, `qty` NOT NULL, `code` unique. The four changes
 * issue 14 names, each of which takes a table-wide lock in its plain form.
 */
function itemSource(version: EntityVersion): string {
    const v2 = version === "v2";
    return `"use strict";
const { EntitySchema } = require(${JSON.stringify(typeormPath)});
module.exports = new EntitySchema({
    name: "Item",
    tableName: "item",
    columns: {
        id: { type: "int", primary: true, generated: "increment" },
        parentId: { type: "int" },
        code: { type: "varchar", length: 40 },
        qty: { type: "int", nullable: ${v2 ? "false" : "true"} },
        note: { type: "varchar", length: 200 },
    },
${
    v2
        ? `    relations: {
        parent: { type: "many-to-one", target: "Parent", joinColumn: { name: "parentId" } },
    },
    indices: [{ columns: ["qty"] }],
    uniques: [{ columns: ["code"] }],
`
        : ""
}});
`;
}

const parentSource = `"use strict";
const { EntitySchema } = require(${JSON.stringify(typeormPath)});
module.exports = new EntitySchema({
    name: "Parent",
    tableName: "parent",
    columns: {
        id: { type: "int", primary: true, generated: "increment" },
        name: { type: "varchar", length: 100 },
    },
});
`;

/** Precompiled `EntitySchema` modules and a data-source file per server and version, in `dir`. */
export function writeOnlineFixture(dir: string): OnlineFixture {
    mkdirSync(join(dir, "entities"), { recursive: true });
    writeFileSync(join(dir, "entities", "parent.js"), parentSource);
    for (const version of ["v1", "v2"] as const) {
        writeFileSync(join(dir, "entities", `item-${version}.js`), itemSource(version));
        writeFileSync(join(dir, "entities", `${version}.js`), `"use strict";\nmodule.exports = [require("./parent.js"), require("./item-${version}.js")];\n`);
    }
    const fileOf = (kind: ServerKind, version: EntityVersion) => join(dir, `${kind}-${version}.js`);
    for (const kind of ["postgres", "mariadb"] as const) {
        for (const version of ["v1", "v2"] as const) {
            writeFileSync(fileOf(kind, version), dataSourceSource({ kind, typeormPath, entitiesModule: `./entities/${version}.js` }));
        }
    }
    return { dir, dataSource: fileOf };
}
