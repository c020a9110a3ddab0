/** Runs the built CLI (`npm run build` first) with no real AWS configuration and no user dataset. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));

const env: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: '/nonexistent',
  IAMWRIGHT_CACHE_DIR: '/nonexistent/iamwright-cache',
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  AWS_CONFIG_FILE: '/nonexistent/aws-config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
};

export interface CliResult {
  stdout: string;
  stderr: string;
  status: number;
}

/** `iamwright ...args` in `cwd` (a folder of the repository, relative to its root). */
export function iamwright(args: string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      join(root, 'bin/iamwright'),
      args,
      { env, cwd: join(root, cwd), maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ stdout, stderr, status });
      },
    );
  });
}
