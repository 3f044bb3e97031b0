import type { Table as TypeormTable } from "typeorm";
import type { Column, PrimaryKey, TableRef } from "../schema/model";

/** An entity's table, columns and primary key as the reader reads them. */
export interface TableShape {
    readonly typeormTable: TypeormTable;
    readonly ref: TableRef;
    readonly columns: readonly Column[];
    readonly primaryKey: PrimaryKey | null;
}

/** A shape as text, compared part by part (plain data: kept with the unit it was read in). */
export interface ShapeText {
    readonly ref: string;
    readonly primaryKey: string;
    readonly columns: readonly (readonly [string, string])[];
}

export function shapeText(shape: Pick<TableShape, "ref" | "columns" | "primaryKey">): ShapeText {
    return {
        ref: JSON.stringify({ schema: shape.ref.schema, table: shape.ref.table }),
        primaryKey: JSON.stringify(shape.primaryKey),
        columns: shape.columns.map((column) => [column.name, JSON.stringify(column)] as const),
    };
}

/**
 * A piece's foreign keys and junction tables are made from the stand-ins they point at: their table
 * name and the columns referenced (type, length, ... copied into the join columns). A stand-in lacks
 * the relations leaving its piece, so this checks, once every piece is read, that each stand-in read
 * as the entity itself reads: the same table and primary key, and every column it has the same.
 */
export class StandInCheck {
    private readonly entities = new Map<unknown, ShapeText | (() => ShapeText)>();
    private readonly standIns = new Map<unknown, ShapeText[]>();

    /** The entity `target` as a member of its piece (a function: spelled out only if some stand-in needs it). */
    entity(target: unknown, shape: ShapeText | (() => ShapeText)): void {
        this.entities.set(target, shape);
    }

    /** The entity `target` as a stand-in in another piece. */
    standIn(target: unknown, shape: ShapeText): void {
        const list = this.standIns.get(target) ?? [];
        list.push(shape);
        this.standIns.set(target, list);
    }

    agree(): boolean {
        for (const [target, standIns] of this.standIns) {
            const found = this.entities.get(target);
            if (found === undefined) return false;
            const entity = typeof found === "function" ? found() : found;
            const columns = new Map(entity.columns);
            for (const standIn of standIns) {
                if (standIn.ref !== entity.ref || standIn.primaryKey !== entity.primaryKey) return false;
                for (const [name, column] of standIn.columns) if (columns.get(name) !== column) return false;
            }
        }
        return true;
    }
}
