import { ArnError } from '../util/errors.js';

/** policy_sentry's notion of a well-formed ARN: six colon-separated fields, a non-empty resource. */
const ARN_PATTERN = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):(.+)$/s;

export interface ArnParts {
  partition: string;
  service: string;
  region: string;
  account: string;
  /** Everything after the fifth colon, e.g. `table/orders/index/*`. */
  resourceString: string;
  /** The resource string up to its first `/` (or, failing that, its first `:`). */
  resource: string;
  /** The rest after that separator; undefined when there is none. */
  resourcePath: string | undefined;
}

export function isArn(value: string): boolean {
  return ARN_PATTERN.test(value);
}

/** Splits an ARN into its fields, or throws an ArnError naming it. */
export function parseArn(arn: string): ArnParts {
  const match = ARN_PATTERN.exec(arn);
  if (!match)
    throw new ArnError(`"${arn}" is not a valid ARN (expected arn:partition:service:region:account:resource)`);
  const resourceString = match[5]!;
  const separator = resourceString.includes('/') ? '/' : resourceString.includes(':') ? ':' : undefined;
  const at = separator === undefined ? -1 : resourceString.indexOf(separator);
  return {
    partition: match[1]!,
    service: match[2]!,
    region: match[3]!,
    account: match[4]!,
    resourceString,
    resource: at < 0 ? resourceString : resourceString.slice(0, at),
    resourcePath: at < 0 ? undefined : resourceString.slice(at + 1),
  };
}

/** The service field of an ARN or ARN format (third colon-separated field). */
export function serviceOfArn(arn: string): string {
  return arn.split(':', 3)[2] ?? '';
}
