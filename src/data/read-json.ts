import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DataError } from '../util/errors.js';

/** zlib is loaded only for `.gz` files: most commands never need it, and it costs start-up time. */
function gunzip(bytes: Buffer): Buffer {
  const zlib = createRequire(import.meta.url)('node:zlib') as typeof import('node:zlib');
  return zlib.gunzipSync(bytes);
}

/** The reason of a file-system error in a few words (`no such file or directory`). */
export function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'ENOTDIR') return 'not a directory';
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

/** V8's syntax-error wording differs between Node versions; this keeps messages stable. */
function syntaxProblem(message: string, text: string): string {
  const position = /position (\d+)/.exec(message)?.[1];
  const atEnd = position !== undefined && Number(position) >= text.trimEnd().length;
  if (atEnd || /end of (JSON )?input|Unterminated/i.test(message)) return 'unexpected end of input; truncated?';
  return position === undefined ? 'invalid syntax' : `invalid syntax at offset ${position}`;
}

/** Parses JSON text; a syntax error becomes a DataError naming `where`. */
export function parseJsonText(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DataError(
      `${where}: malformed JSON (${syntaxProblem(error instanceof Error ? error.message : '', text)})`,
    );
  }
}

/** Reads a `.json` or `.json.gz` file. Every failure is a one-line DataError naming the file. */
export function readJsonFile(path: string): unknown {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new DataError(`${path}: cannot read (${fsReason(error)})`);
  }
  if (path.endsWith('.gz')) {
    try {
      bytes = gunzip(bytes);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new DataError(`${path}: not a valid gzip file (${detail})`);
    }
  }
  return parseJsonText(bytes.toString('utf8'), path);
}
