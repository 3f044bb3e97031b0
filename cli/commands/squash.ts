import { relative } from "node:path";
import type { Argv } from "yargs";
import type { CommandContext, CommonArgs } from "../context";
import { lib } from "../lib";
import { revisionOptions, revisionRequest, type RevisionArgs } from "../revision-options";
import { defineCommand } from "../define-command";

interface SquashArgs extends CommonArgs, RevisionArgs {
    readonly range: string;
}

export const squashCommand = defineCommand({
    command: "squash <range>",
    describe: "Replace the revisions of [<from>:]<to> with one revision (offline; one bind)",
    builder: (yargs: Argv<CommonArgs>) =>
        yargs
            .positional("range", { type: "string", demandOption: true, describe: "[<from>:]<to>: the revisions after <from> (default base) up to <to>" })
            .options(revisionOptions("squashed"))
            .example('$0 squash head -m "Squashed to v2"', "one migration that builds the head's schema from nothing")
            .example('$0 squash 3f9c:a1b2 -m "Q1" --bind analytics', "the revisions after 3f9c up to a1b2"),
    handler: async (args: SquashArgs, context: CommandContext) => {
        const bind = await context.singleBind("squash");
        await context.inBind(bind, async () => {
            const store = lib().RevisionStore.open(bind.migrationsDir);
            const planned = await lib().planSquash(store, args.range, revisionRequest(args, bind));
            const { migrationFile } = lib().writeRevision(bind.migrationsDir, planned, bind.migrationFiles);
            const { revisions } = planned.range;
            context.say(
                `Generated ${relative(process.cwd(), migrationFile)} (revision ${planned.revision}), replacing ${revisions.length} revisions ` +
                    `${revisions[0].revision} .. ${revisions[revisions.length - 1].revision}`,
            );
            context.say(`Their files can be deleted once every database is at ${planned.revision} or later (\`history\` lists them).`);
        });
    },
});
