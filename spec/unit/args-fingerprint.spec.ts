import { expect } from "chai";
import { fingerprintText, UnfingerprintableError } from "../../lib/typeorm/args-fingerprint";

// A unit of entities is taken from what an earlier run kept only if the fingerprint of its
// decorator arguments is the same: whatever could make TypeORM build other metadata must show.

describe("fingerprintText", () => {
    it("tells apart values that JSON would not", () => {
        const values: unknown[] = [
            undefined,
            null,
            0,
            -0,
            "0",
            Number.NaN,
            Number.POSITIVE_INFINITY,
            1n,
            true,
            "true",
            [],
            {},
            [undefined],
            { a: undefined },
            { a: 1, b: 2 },
            { b: 2, a: 1 },
            new Date(0),
            new Date(1),
            /a/,
            /a/i,
            new Map([["a", 1]]),
            new Set(["a"]),
            Symbol("s"),
            () => 1,
            () => 2,
            function named() {
                return 1;
            },
        ];
        const texts = values.map((value) => fingerprintText(value));
        expect(new Set(texts).size).to.equal(values.length);
    });

    it("spells out an instance's class name, and a class by its name and source", () => {
        class A {
            x = 1;
        }
        class B {
            x = 1;
        }
        expect(fingerprintText(new A())).not.to.equal(fingerprintText(new B()));
        expect(fingerprintText(new A())).not.to.equal(fingerprintText({ x: 1 }));
        expect(fingerprintText(A)).not.to.equal(fingerprintText(B));
    });

    it("reads a column default given by a function for what it returns now, and no other function", () => {
        let value = "'EUR'";
        const column = { default: () => value, transformer: { to: () => value } };
        const before = fingerprintText(column);
        value = "'USD'";
        expect(fingerprintText(column)).not.to.equal(before);
        const other = { type: () => value };
        const otherBefore = fingerprintText(other);
        value = "'CHF'";
        expect(fingerprintText(other)).to.equal(otherBefore);
        expect(fingerprintText({ default: () => value })).to.contain("'CHF'");
        expect(
            fingerprintText({
                default: () => {
                    throw new Error("no default");
                },
            }),
        ).to.contain("no default");
    });

    it("refuses an object inside itself, a plain one or an instance; nesting alone is spelled out", () => {
        const loop: Record<string, unknown> = { a: 1 };
        loop.self = loop;
        expect(() => fingerprintText({ options: loop })).to.throw(UnfingerprintableError);
        class Node {
            next: Node = this;
        }
        expect(() => fingerprintText([new Node()])).to.throw(UnfingerprintableError);
        let deep: unknown = 0;
        for (let i = 0; i < 100; i++) deep = [deep];
        expect(fingerprintText(deep)).not.to.equal(fingerprintText([deep]));
    });
});
