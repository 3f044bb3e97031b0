import { expect } from "chai";
import { ErrorInContext, exitCodeFor } from "../../cli/report-error";
import { BadInputError } from "../../lib/index";

describe("ErrorInContext: the CLI adds which bind (or which binds were done) without changing the error", () => {
    it("keeps the error's exit code and hint, and the error itself as it was", () => {
        const error = new BadInputError('unknown revision "zzzz"', "run history to see them");
        const wrapped = new ErrorInContext(new ErrorInContext(error, { before: 'bind "analytics": ' }), {
            after: "; upgraded: default; not upgraded: analytics",
        });
        expect(wrapped.message).to.equal('bind "analytics": unknown revision "zzzz"; upgraded: default; not upgraded: analytics');
        expect(wrapped.hint).to.equal("run history to see them");
        expect(exitCodeFor(wrapped)).to.equal(2);
        expect(error.message).to.equal('unknown revision "zzzz"');
    });

    it("an error of another kind keeps its exit code too", () => {
        expect(exitCodeFor(new ErrorInContext(new Error("connection refused"), { before: 'bind "a": ' }))).to.equal(3);
    });
});
