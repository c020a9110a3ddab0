/**
 * Reading a policy file for `validate` and `expand`: a file the user cannot read is a usage error.
 * Synchronous: one small file, read before anything else can run, and faster than the thread pool.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../util/errors.js';

export function readPolicyFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (code ?? 'unreadable');
    throw new UsageError(`cannot read policy ${file}: ${reason}`);
  }
}
