import { IamwrightError } from '../util/errors.js';
import { writeStderr } from './stdout.js';

/** Prints one line for a user error (a bug gets its stack only with IAMWRIGHT_DEBUG=1). Returns the exit code. */
export function reportError(error: unknown): number {
  if (error instanceof IamwrightError) {
    writeStderr(`iamwright: ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  writeStderr(`iamwright: internal error: ${message.split('\n')[0]}\n`);
  if (process.env.IAMWRIGHT_DEBUG && error instanceof Error) writeStderr(`${error.stack}\n`);
  return 1;
}
