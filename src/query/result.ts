/**
 * What a query returns: the data, and the heading policy_sentry printed above it. The CLI keeps
 * stdout parseable, so it shows the heading on a terminal only (on stderr).
 */
export interface QueryResult<T> {
  heading: string | undefined;
  value: T;
}
