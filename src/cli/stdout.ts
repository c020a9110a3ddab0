import { writeSync } from 'node:fs';
import { IamwrightError } from '../util/errors.js';

/**
 * Writes to stdout directly: a reader that stops early (`| head`) ends the output quietly instead
 * of with an EPIPE stack trace, and process.stdout's stream machinery is never loaded (creating
 * it costs a short command a few milliseconds).
 */
export function writeStdout(text: string): void {
  writeFd(1, text);
}

/** Writes to stderr directly, for the same reasons (warnings and errors of short commands). */
export function writeStderr(text: string): void {
  writeFd(2, text);
}

function writeFd(fd: 1 | 2, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return;
      if (code !== 'EAGAIN') throw new IamwrightError(`cannot write the output (${(error as Error).message})`);
      // A non-blocking pipe is full: wait a moment for the reader.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}
