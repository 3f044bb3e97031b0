/**
 * A connection URL's password, wherever one appears in `text`: `scheme://user:secret@host` (the
 * secret unescaped or percent-encoded).
 *
 * The password runs to the *last* `@` of the URL, as WHATWG URL parsing and the drivers read it: a
 * password may hold `@`, `:` or `/` unescaped. A URL with `@` also in its path or query is masked up
 * to that one; hiding a host is better than printing part of a secret.
 */
const credentials = /\b([a-z][a-z0-9+.-]*:\/\/[^\s"'`<>/:@]*):[^\s"'`<>]*@/gi;

/**
 * `text` with every connection URL's password replaced by `***`: for every message, log line and
 * SQL text the tool prints.
 *
 * @example
 * maskCredentials('cannot use "postgres://app:p@ss@db:5432/shop"') // 'cannot use "postgres://app:***@db:5432/shop"'
 */
export function maskCredentials(text: string): string {
    return text.replace(credentials, "$1:***@");
}
