/*
 * Errors the CLI turns into exit statuses.
 */

/** A bad command line: printed with the usage text, exit status 2. */
export class UsageError extends Error {}

/** Bad input the user can fix (missing directory…): one line, exit status 1. */
export class InputError extends Error {}
