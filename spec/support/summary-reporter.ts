import Mocha from "mocha";

/**
 * Mocha's spec reporter, closed by the line CI reads: `N passed, N failed`, from mocha's own counts.
 */
class SummaryReporter extends Mocha.reporters.Spec {
    constructor(runner: Mocha.Runner, options: Mocha.MochaOptions) {
        super(runner, options);
        runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
            const stats = runner.stats ?? { passes: 0, failures: 0 };
            // After the spec reporter's epilogue, which it prints on the same event.
            process.nextTick(() => process.stdout.write(`${stats.passes} passed, ${stats.failures} failed\n`));
        });
    }
}

export = SummaryReporter;
