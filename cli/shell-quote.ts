/** An argument as a POSIX shell reads it back: bare when safe, else in single quotes. */
export function shellQuote(argument: string): string {
    if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(argument)) return argument;
    return `'${argument.replaceAll("'", `'\\''`)}'`;
}
