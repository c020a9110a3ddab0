/**
 * Helpers for the end-to-end collect tests: run the collector in this process (or as the real CLI),
 * read a stored tree, normalise what moto makes differently on every run (creation dates).
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { type DownloadResult, download } from '../../src/collect/download.js';
import { plainReporter } from '../../src/collect/run/progress.js';

const ROOT = new URL('../..', import.meta.url).pathname;

/** Runs `collect download` in this process with a config written to `dir/iamwright.jsonc`. */
export async function collectInProcess(
  dir: string,
  config: Record<string, unknown>,
  options: { writeOnly?: boolean; services?: string[]; accounts?: string[] } = {},
): Promise<DownloadResult> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'iamwright.jsonc');
  await writeFile(file, JSON.stringify(config, null, 2));
  return download({
    configFiles: [file],
    index: true,
    writeOnly: options.writeOnly ?? false,
    reporter: plainReporter(() => undefined),
    ...(options.services ? { services: options.services } : {}),
    ...(options.accounts ? { accounts: options.accounts } : {}),
  });
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI (`src/cli/run.ts` through tsx) as a child process. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, onSpawn?: (kill: () => void) => void): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/run.ts'), ...args], {
      cwd: ROOT,
      env: { ...env, NODE_NO_WARNINGS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
    onSpawn?.(() => child.kill('SIGKILL'));
  });
}

/**
 * Runs the real CLI under a pseudo-terminal (util-linux `script`), as a user at a terminal would:
 * stdout and stderr are both the terminal, and `output` is what the terminal received.
 */
export function runCliInTerminal(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, '--import', 'tsx', join(ROOT, 'src/cli/run.ts'), ...args]
    .map(shellQuote)
    .join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd: ROOT,
      env: { ...env, NODE_NO_WARNINGS: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Every file under `dir` (except run summaries) -> its text. */
export async function readTree(
  dir: string,
  skip: (path: string) => boolean = (p) => p.startsWith('runs/'),
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (folder: string) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else {
        const key = relative(dir, path);
        if (!skip(key)) out.set(key, await readFile(path, 'utf8'));
      }
    }
  };
  await walk(dir);
  return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** How many files are under `dir` now (a collector may be writing into it). */
export async function countFiles(dir: string): Promise<number> {
  let count = 0;
  const walk = async (folder: string) => {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.name === '.iamwright-tmp') continue;
      if (entry.isDirectory()) await walk(join(folder, entry.name));
      else count++;
    }
  };
  await walk(dir);
  return count;
}

const ISO_DATE = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g;

/** Creation dates differ on every seeding: they become `<date>`. */
export function normalise(text: string): string {
  return text.replace(ISO_DATE, '<date>');
}

/** Writes a tree as golden files (`UPDATE_GOLDEN=1`), replacing the folder. */
export async function writeGolden(folder: string, tree: Map<string, string>): Promise<void> {
  await rm(folder, { recursive: true, force: true });
  for (const [path, text] of tree) {
    await mkdir(join(folder, path, '..'), { recursive: true });
    await writeFile(join(folder, path), text);
  }
}
