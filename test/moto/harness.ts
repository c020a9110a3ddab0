/**
 * Starts `moto_server` (the AWS emulator, preinstalled) on a free loopback port for one test file
 * or benchmark, and gives the environment a collector needs to talk to it without ever touching
 * real AWS credentials. The server is killed by `stop()`, and also when this process exits,
 * crashes or is interrupted, so no emulator outlives its test.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { type LookupAddress, type LookupOptions, lookup as dnsLookup } from 'node:dns';
import { Agent } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export interface Moto {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  readonly port: number;
  /** moto_server's process id (the bench reads its CPU time from /proc). */
  readonly pid: number | undefined;
  /** Everything moto printed so far (for failure messages). */
  log(): string;
  /** Clears every emulated account and resource (moto's `/moto-api/reset`). */
  reset(): Promise<void>;
  /**
   * Seeds moto's random generator (`/moto-api/seed`), so that the ids it makes (accounts,
   * organization, OUs, policies, principals) repeat when the same calls are made in the same order.
   */
  seedRandom(value: number): Promise<void>;
  stop(): Promise<void>;
}

export interface StartMotoOptions {
  /**
   * Load the ~1,500 AWS managed policies into every account, as AWS has them (default true).
   * Without them, attaching `arn:aws:iam::aws:policy/...` fails with NoSuchEntity.
   */
  awsManagedPolicies?: boolean;
}

/** The account moto gives the `testing` keys: the organization's management account. */
export const MANAGEMENT_ACCOUNT = '123456789012';

const running = new Set<ChildProcess>();
let exitHooksInstalled = false;

/** A TCP port nobody listens on right now, found by binding port 0 on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startMoto(options: StartMotoOptions = {}): Promise<Moto> {
  installExitHooks();
  // Another process may take the port between freePort() and moto's bind: try a few.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      return await launch(port, options);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function launch(port: number, options: StartMotoOptions): Promise<Moto> {
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...withoutAwsVariables(process.env),
      ...dummyAwsEnv(),
      MOTO_IAM_LOAD_MANAGED_POLICIES: options.awsManagedPolicies === false ? 'false' : 'true',
    },
  });
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    // Keep the start and the latest lines only: moto logs every request.
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  exited.then(() => running.delete(child));

  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`moto_server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output}`);
    }
    if (await isReady(endpoint)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`moto_server did not answer on ${endpoint} within 30 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    endpoint,
    port,
    pid: child.pid,
    log: () => output,
    async reset() {
      const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (!response.ok) throw new Error(`moto reset failed: HTTP ${response.status}`);
    },
    async seedRandom(value: number) {
      const response = await fetch(`${endpoint}/moto-api/seed?a=${value}`, { method: 'POST' });
      if (!response.ok) throw new Error(`moto seed failed: HTTP ${response.status}`);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function isReady(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/** Kills every emulator still running when the process ends, however it ends. */
function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  const killAll = () => {
    for (const child of running) child.kill('SIGKILL');
    running.clear();
  };
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAll();
      process.kill(process.pid, signal); // the default action, now that our handler is gone
    });
  }
}

/**
 * Dummy credentials and settings so that an SDK never finds real ones: moto accepts any key, and
 * maps `testing` to the management account 123456789012. The config and credentials files point
 * at paths that do not exist, and the instance metadata service is off.
 */
export function dummyAwsEnv(): Record<string, string> {
  const nowhere = join(tmpdir(), 'iamwright-no-aws-config');
  return {
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_SESSION_TOKEN: 'testing',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: join(nowhere, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(nowhere, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

/**
 * The environment for a collector (child process or in-process SDK clients) that must talk to
 * the emulator at `endpoint` (moto itself, or the fault proxy in front of it).
 *
 * S3 Control: the SDK puts the account id in front of the endpoint host (`<id>.<host>`), which
 * turns an IP endpoint into an invalid URL. So S3 Control gets `s3control.localhost`, and
 * `<id>.s3control.localhost` must resolve to loopback. This machine's resolver does not resolve
 * `*.localhost` (getent and dns.lookup both fail), so the collector's HTTP agents resolve
 * `*.localhost` to 127.0.0.1 themselves, per RFC 6761 (src/collect/aws/http.ts); in-process
 * test clients use `localhostLookup` below. moto recognizes S3 Control by that host.
 */
export function collectorEnv(endpoint: string): Record<string, string> {
  const url = new URL(endpoint);
  return {
    ...dummyAwsEnv(),
    AWS_ENDPOINT_URL: endpoint,
    AWS_ENDPOINT_URL_S3_CONTROL: `${url.protocol}//s3control.localhost:${url.port}`,
  };
}

/**
 * The whole environment for a collector child process: this process's environment without any
 * inherited `AWS_*` variable (a user's AWS_PROFILE would win over the dummy keys), plus
 * `collectorEnv`.
 */
export function collectorProcessEnv(endpoint: string): NodeJS.ProcessEnv {
  return { ...withoutAwsVariables(process.env), ...collectorEnv(endpoint) };
}

/**
 * Makes this process's environment `collectorProcessEnv` for in-process SDK clients, returning a
 * function that restores the previous environment.
 */
export function useCollectorEnv(endpoint: string): () => void {
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
  Object.assign(process.env, collectorEnv(endpoint));
  return () => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  };
}

function withoutAwsVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith('AWS_')));
}

/**
 * An SDK request handler whose sockets resolve `localhost` and `*.localhost` to 127.0.0.1
 * (RFC 6761), for in-process test clients of S3 Control (see collectorEnv).
 */
export function localhostHttpHandler(): NodeHttpHandler {
  const lookup = (
    hostname: string,
    options: LookupOptions,
    callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    if (hostname === 'localhost' || hostname.endsWith('.localhost')) {
      if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
      else callback(null, '127.0.0.1', 4);
      return;
    }
    dnsLookup(hostname, options, callback as never);
  };
  return new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, lookup: lookup as never }) });
}
