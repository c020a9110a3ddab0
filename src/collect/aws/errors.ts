/** How a failed AWS call is treated: denied and absent are recorded and the run goes on. */
export type CallErrorKind = 'denied' | 'absent' | 'failed';

const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'AuthorizationError',
  'AuthorizationErrorException',
  'UnauthorizedOperation',
  'UnauthorizedException',
  'Forbidden',
]);

interface AwsLikeError {
  name?: string;
  Code?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

export function errorName(error: unknown): string {
  const e = error as AwsLikeError;
  return e?.name ?? e?.Code ?? e?.code ?? 'Error';
}

export function classifyError(error: unknown): CallErrorKind {
  const name = errorName(error);
  if (DENIED.has(name)) return 'denied';
  const status = (error as AwsLikeError)?.$metadata?.httpStatusCode;
  if (status === 404 || /NotFound|^NoSuch/.test(name)) return 'absent';
  return 'failed';
}

/** One line for logs and the summary: the AWS error code and its message. */
export function describeError(error: unknown): string {
  const e = error as AwsLikeError;
  const message = (e?.message ?? String(error)).split('\n')[0]?.trim() ?? '';
  const name = errorName(error);
  return message && message !== name ? `${name}: ${message}` : name;
}

/**
 * The AWS endpoint that DNS says does not exist, when `error` is that: the service is not offered
 * in `region` (AWS publishes no name for a regional endpoint it does not run). Only for AWS's own
 * host names, so a mistyped custom endpoint still fails.
 */
export function missingRegionalEndpoint(error: unknown, region: string): string | undefined {
  const e = error as { code?: unknown; hostname?: unknown } | undefined;
  if (e?.code !== 'ENOTFOUND' || typeof e.hostname !== 'string') return undefined;
  const host = e.hostname.toLowerCase();
  return host.includes(`.${region}.`) && /\.(amazonaws\.com(\.cn)?|api\.aws)$/.test(host) ? host : undefined;
}
