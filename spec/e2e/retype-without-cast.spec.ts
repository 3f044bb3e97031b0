import { EntitySchema } from "typeorm";
import { buildBlogDataSource } from "../../fixtures/blog/build-data-source";
import { postgresHarness } from "../support/dialect-harness";
import { describeVersionSteps } from "../support/version-steps";

// PostgreSQL has no cast from boolean to numeric, nor from uuid to integer:
// the USING clause converts through text instead of failing (found by the random-entity property).
const flagged = (flag: "boolean" | "decimal", token: "uuid" | "int") =>
    new EntitySchema({
        name: "Flagged",
        tableName: "flagged",
        columns: {
            id: { type: Number, primary: true, generated: "increment" },
            flag: { type: flag, nullable: true, ...(flag === "decimal" ? { precision: 10, scale: 2 } : {}) },
            token: { type: token, nullable: true },
        },
    });

describeVersionSteps("retyping between types PostgreSQL cannot cast directly", postgresHarness, [
    { id: "cast0001", build: (o) => buildBlogDataSource([flagged("boolean", "uuid")], o) },
    { id: "cast0002", build: (o) => buildBlogDataSource([flagged("decimal", "int")], o) },
]);
