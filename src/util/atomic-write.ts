import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';

/** Writes a whole file or nothing: a temp file beside the target, then a rename. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${tempSuffix()}.tmp`);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

let counter = 0;

/** Unique among concurrent writers: the process id, a counter, and randomness (no crypto needed). */
function tempSuffix(): string {
  counter += 1;
  return `${process.pid}-${counter}-${Math.random().toString(36).slice(2, 10)}`;
}
