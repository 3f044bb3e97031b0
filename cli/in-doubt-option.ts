/**
 * `--in-doubt`, with `--resume`: what became of the write a killed run (or a lost connection) left
 * without an answer. Only the database can tell, so the runner asks instead of guessing.
 */
export const inDoubtOption = {
    "in-doubt": {
        choices: ["applied", "not-applied"] as const,
        describe: "With --resume, after a run was cut off during a write: whether the database shows it applied (skip it) or not (run it again)",
    },
} as const;
