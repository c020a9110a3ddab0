import { writeFileAtomic } from '../util/atomic-write.js';
import { IamwrightError } from '../util/errors.js';

/** A short reason for a failed file read or write, e.g. `no such file`. */
export function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
    case 'EEXIST':
      // mkdir of the parent folder found a file in the way.
      return 'a parent is not a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on device';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

/** Writes a command's output file atomically; a failure is one line naming the file. */
export async function writeOutputFile(path: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(path, text);
  } catch (error) {
    throw new IamwrightError(`cannot write ${path}: ${fileErrorReason(error)}`);
  }
}
