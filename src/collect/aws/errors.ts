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
