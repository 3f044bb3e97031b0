import type { Table as TypeormTable } from "typeorm";
import type { Column, PrimaryKey, TableRef } from "../schema/model";

/** An entity's table, columns and primary key as the reader reads them. */
export interface TableShape {
    readonly typeormTable: TypeormTable;
    readonly ref: TableRef;
    readonly columns: readonly Column[];
    readonly primaryKey: PrimaryKey | null;
}

interface Seen {
    readonly ref: string;
    readonly primaryKey: string;
    readonly columns: ReadonlyMap<string, string>;
}

/**
 * A piece's foreign keys and junction tables are made from the stand-ins they point at: their table
 * name and the columns referenced (type, length, ... copied into the join columns). A stand-in lacks
 * the relations leaving its piece, so this checks, once every piece is read, that each stand-in read
 * as the entity itself reads: the same table and primary key, and every column it has the same.
 */
export class StandInCheck {
    private readonly entities = new Map<unknown, Seen>();
    private readonly standIns = new Map<unknown, Seen[]>();

    /** The entity `target` as a member of its piece. */
    entity(target: unknown, shape: TableShape): void {
        this.entities.set(target, seen(shape));
    }

    /** The entity `target` as a stand-in in another piece. */
    standIn(target: unknown, shape: TableShape): void {
        const list = this.standIns.get(target) ?? [];
        list.push(seen(shape));
        this.standIns.set(target, list);
    }

    agree(): boolean {
        for (const [target, standIns] of this.standIns) {
            const entity = this.entities.get(target);
            if (entity === undefined) return false;
            for (const standIn of standIns) {
                if (standIn.ref !== entity.ref || standIn.primaryKey !== entity.primaryKey) return false;
                for (const [name, column] of standIn.columns) if (entity.columns.get(name) !== column) return false;
            }
        }
        return true;
    }
}

function seen(shape: TableShape): Seen {
    return {
        ref: JSON.stringify(shape.ref),
        primaryKey: JSON.stringify(shape.primaryKey),
        columns: new Map(shape.columns.map((column) => [column.name, JSON.stringify(column)])),
    };
}
