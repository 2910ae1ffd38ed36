/**
 * A mistake the user can fix: an option, an input, a rule or a configuration. Surfaces show its
 * message alone (the CLI prints one line and exits 2); any other error that escapes to the top
 * is a bug in redpen and is shown with its stack, to be reported.
 */
export class UserError extends Error {
  override name = 'UserError';
}
