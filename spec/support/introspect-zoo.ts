import type { DataSource } from "typeorm";
import { defaultSchemaOf, wholeZoo, zooSetDataSource, zooSetsFor, type ZooDialect, type ZooSet } from "../../fixtures/zoo";
import { computedSourcesV1, computedSourcesV2 } from "../../fixtures/zoo/computed-sources";
import { enumViewV1, enumViewV2 } from "../../fixtures/zoo/enum-view";
import { wholeZooV2, zooV2SetsFor } from "../../fixtures/zoo/v2";
import type { DialectHarness } from "./dialect-harness";
import { describeIntrospectionSteps } from "./introspect-steps";
import type { VersionStep } from "./version-steps";

const step = (id: string, set: ZooSet): VersionStep => ({
    id,
    build: (options) => zooSetDataSource(set, options),
});

/** Creates the schema a set's data source defaults to, as the zoo's own tests do. */
const prepareFor = (set: ZooSet) => async (dataSource: DataSource) => {
    const ownDefault = defaultSchemaOf(set);
    if (ownDefault !== undefined) await dataSource.query(`CREATE SCHEMA "${ownDefault}"`);
};

/**
 * The zoo on one dialect, as spec/e2e/zoo.spec.ts steps it: each set from nothing, the whole zoo
 * v1 → v2, the computed-column sources v1 → v2, and the sets that have a v2 of their own.
 */
export function describeZooIntrospection(harness: DialectHarness, dialect: ZooDialect): void {
    for (const set of [...zooSetsFor(dialect), wholeZoo(dialect)]) {
        describeIntrospectionSteps(`zoo: ${set.name}`, harness, [step("zoo00001", set)], { prepare: prepareFor(set) });
    }
    describeIntrospectionSteps("zoo: the whole zoo v1 → v2", harness, [step("zoo00001", wholeZoo(dialect)), step("zoo00002", wholeZooV2(dialect))]);
    const computed = (name: string, entities: ZooSet["entities"]): ZooSet => ({ name, dialects: [dialect], entities, schemas: [] });
    describeIntrospectionSteps("zoo: computed column sources v1 → v2", harness, [
        step("zoo00001", computed("computed sources, v1", computedSourcesV1)),
        step("zoo00002", computed("computed sources, v2", computedSourcesV2)),
    ]);
    describeIntrospectionSteps("zoo: enum types beneath a view v1 → v2", harness, [
        step("zoo00001", computed("enum beneath a view, v1", enumViewV1)),
        step("zoo00002", computed("enum beneath a view, v2", enumViewV2)),
    ]);
    for (const v2 of zooV2SetsFor(dialect)) {
        const v1 = zooSetsFor(dialect).find((set) => set.name === v2.name);
        if (v1 === undefined || v1.options === undefined) continue;
        describeIntrospectionSteps(`zoo: ${v1.name} v1 → v2`, harness, [step("zoo00001", v1), step("zoo00002", v2)], { prepare: prepareFor(v1) });
    }
}
