import { expect } from "chai";
import "reflect-metadata";
import { Check, Column, DataSource, Entity, Index, PrimaryGeneratedColumn, Unique } from "typeorm";
import type { EntityClass } from "../../fixtures/entity-class";
import { SampleV1 } from "../../fixtures/kitchen-sink/mysql/types";
import { readSchema } from "../../lib/entities/read-schema";
import type { Column as ModelColumn, Schema } from "../../lib/schema/model";

// The metadata reader on TypeORM's `mysql` and `mariadb` drivers, offline: the model is what
// synchronize() builds there (spec/e2e/mysql-*.spec.ts compare the same on a real server).

@Entity({ name: "shop" })
@Check("CHK_shop_stock", "`stock` >= 0")
@Unique("UQ_shop_name_city", ["name", "city"])
@Index("IDX_shop_open", ["city"], { where: "`open` = 1" })
export class Shop {
    @PrimaryGeneratedColumn()
    id: number;

    @Column({ unique: true })
    email: string;

    @Column()
    name: string;

    @Column({ length: 50 })
    city: string;

    @Column({ default: true })
    open: boolean;

    @Column({ type: "int", default: 0 })
    stock: number;

    @Column({ type: "simple-enum", enum: ["a", "b"], default: "a" })
    grade: string;

    @Column({ default: "C:\\shops" })
    folder: string;

    @Column({ type: "point", spatialFeatureType: "Point", srid: 4326, nullable: true })
    spot: string | null;

    @Column({ type: "int", asExpression: "`stock` * 2", generatedType: "STORED" })
    doubled: number;
}

const read = (type: "mysql" | "mariadb", entities: EntityClass[], serverVersion?: string): Promise<Schema> =>
    readSchema(new DataSource({ type, database: "shop", entities }), serverVersion === undefined ? {} : { serverVersion });

const columnOf = (schema: Schema, name: string): ModelColumn => {
    const column = schema.columns.find((c) => c.name === name);
    if (!column) throw new Error(`no column ${name}`);
    return column;
};

describe("metadata reader on the MySQL drivers", () => {
    for (const type of ["mysql", "mariadb"] as const) {
        describe(`type: "${type}"`, () => {
            it("has no checks (synchronize() skips them on MySQL), uniques as unique indexes, no index predicate", async () => {
                const schema = await read(type, [Shop]);
                expect(schema.dialect).to.equal("mysql");
                expect(schema.checks).to.deep.equal([]);
                expect(schema.uniques).to.deep.equal([]);
                const indexes = schema.indexes.map((i) => ({ name: i.name, columns: i.columns, unique: i.unique, where: i.where }));
                expect(indexes).to.deep.include({ name: "UQ_shop_name_city", columns: ["name", "city"], unique: true, where: null });
                expect(indexes).to.deep.include({ name: "IDX_shop_open", columns: ["city"], unique: false, where: null });
                expect(indexes.filter((i) => i.unique && i.columns.length === 1 && i.columns[0] === "email")).to.have.length(1);
            });

            it("fills what TypeORM fills: varchar(255), tinyint for booleans, inline enums, no spatial subtype or SRID", async () => {
                const schema = await read(type, [Shop]);
                expect(columnOf(schema, "name")).to.include({ type: "varchar", length: "255" });
                expect(columnOf(schema, "open")).to.include({ type: "tinyint", default: "1" });
                expect(columnOf(schema, "grade")).to.include({ type: "enum", enumName: null, default: "'a'" });
                expect(columnOf(schema, "grade").enum).to.deep.equal(["a", "b"]);
                expect(columnOf(schema, "spot")).to.include({ type: "point", spatialFeatureType: null, srid: null });
                expect(schema.enums).to.deep.equal([]);
            });

            it("writes a string default's backslash escaped, so the database holds the entity's value", async () => {
                expect(columnOf(await read(type, [Shop]), "folder").default).to.equal("'C:\\\\shops'");
            });

            it("records the computed column's typeorm_metadata row", async () => {
                const schema = await read(type, [Shop]);
                expect(schema.metadataRows).to.deep.equal([{ type: "GENERATED_COLUMN", schema: "", table: "shop", name: "doubled", value: "`stock` * 2" }]);
            });
        });
    }

    it("a computed column is nullable through the mariadb driver (MariaDB refuses NOT NULL on one), as declared through mysql", async () => {
        expect(columnOf(await read("mariadb", [Shop]), "doubled").nullable).to.equal(true);
        expect(columnOf(await read("mysql", [Shop]), "doubled").nullable).to.equal(false);
    });

    it("a generated uuid is MariaDB's uuid type from 10.7 (default 10.11), varchar(36) before it and through the mysql driver", async () => {
        expect(columnOf(await read("mariadb", [SampleV1]), "id")).to.include({ type: "uuid", length: "" });
        expect(columnOf(await read("mariadb", [SampleV1], "10.6.0"), "id")).to.include({ type: "varchar", length: "36" });
        expect(columnOf(await read("mysql", [SampleV1]), "id")).to.include({ type: "varchar", length: "36" });
    });

    it("json stays json from MariaDB 10.4.3 (an alias of longtext there), and is longtext before it", async () => {
        expect(columnOf(await read("mariadb", [SampleV1]), "data").type).to.equal("json");
        expect(columnOf(await read("mariadb", [SampleV1], "10.3.0"), "data").type).to.equal("longtext");
        expect(columnOf(await read("mysql", [SampleV1], "5.7.0"), "data").type).to.equal("json");
    });
});
