/**
 * bin/collect-worker.js: the built CLI runs `collect download` in a worker thread with a capped heap. Its success path is the built-CLI end-to-end test (test/collect/built-cli-all-services);
 * here: which command lines go to the worker, and that errors and exit codes come through it unchanged.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';

const ROOT = new URL('../..', import.meta.url).pathname;
const { collectsInWorker, jsonLogs } = createRequire(import.meta.url)('../../bin/collect-worker.js') as {
  collectsInWorker: (argv: string[], env?: NodeJS.ProcessEnv) => boolean;
  jsonLogs: (argv: string[], env?: NodeJS.ProcessEnv) => boolean;
};

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(process.execPath, ['bin/iamwright', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: '/nonexistent', AWS_CONFIG_FILE: '/nonexistent', ...env },
  });
  return [run.status, run.stdout, run.stderr];
}

describe('collect download in a worker thread (built CLI)', () => {
  it('only `collect download` itself goes to the worker, unless IAMWRIGHT_COLLECT_WORKER=0', () => {
    const argv = (...args: string[]) => ['node', 'iamwright', ...args];
    assert.deepEqual(
      [
        collectsInWorker(argv('collect', 'download', '--config-files', 'a.jsonc')),
        collectsInWorker(argv('--data', 'x.json', 'collect', 'download')),
        collectsInWorker(argv('collect', 'download', '--help')),
        collectsInWorker(argv('collect', 'index')),
        collectsInWorker(argv('write-policy', '-i', 'collect')),
        collectsInWorker(argv('collect', 'download'), { IAMWRIGHT_COLLECT_WORKER: '0' }),
      ],
      [true, true, false, false, false, false],
    );
  });

  for (const [label, env] of [
    ['in the worker', {}],
    ['on the main thread', { IAMWRIGHT_COLLECT_WORKER: '0' }],
  ] as const) {
    it(`errors and exit codes are the same ${label}`, () => {
      assert.deepEqual(cli(['collect', 'download', '--config-files', '/nonexistent/iamwright.jsonc'], env), [
        2,
        '',
        'iamwright: /nonexistent/iamwright.jsonc: config file not found (create one with `iamwright collect init`)\n',
      ]);
      assert.deepEqual(cli(['collect', 'download', '--concurrency', '0'], env), [
        2,
        '',
        "error: option '--concurrency <n>' argument '0' is invalid. expected a positive integer\n(run with --help for usage)\n",
      ]);
    });
  }

  it('tells JSON logs from text as the download command does', () => {
    const argv = (...args: string[]) => ['node', 'iamwright', 'collect', 'download', ...args];
    assert.deepEqual(
      [
        jsonLogs(argv('--log-format', 'json')),
        jsonLogs(argv('--log-format=json')),
        jsonLogs(argv('--log-format', 'text'), { IAM_COLLECT_RAW_JSON_LOGS: 'true' }),
        jsonLogs(argv(), { IAM_COLLECT_RAW_JSON_LOGS: 'true' }),
        jsonLogs(argv(), {}),
      ],
      [true, true, false, true, false],
    );
  });

  it('runs the collection again on the main thread when it outgrows the cap', () => {
    assert.deepEqual(
      cli(['collect', 'download', '--config-files', '/nonexistent/iamwright.jsonc'], {
        IAMWRIGHT_COLLECT_WORKER_HEAP_MB: '2',
      }),
      [
        2,
        '',
        'iamwright: the collection outgrew its 2 MB heap; running it again without the cap\n' +
          'iamwright: /nonexistent/iamwright.jsonc: config file not found (create one with `iamwright collect init`)\n',
      ],
    );
    const [code, stdout, stderr] = cli(
      ['collect', 'download', '--config-files', '/nonexistent/iamwright.jsonc', '--log-format', 'json'],
      { IAMWRIGHT_COLLECT_WORKER_HEAP_MB: '2' },
    );
    const [warning, error] = String(stderr).split('\n');
    const { time, ...event } = JSON.parse(warning ?? '') as { time: string };
    assert.deepEqual(
      [code, stdout, event, error],
      [
        2,
        '',
        { level: 'warning', message: 'the collection outgrew its 2 MB heap; running it again without the cap' },
        'iamwright: /nonexistent/iamwright.jsonc: config file not found (create one with `iamwright collect init`)',
      ],
    );
    assert.match(time, /^\d{4}-\d\d-\d\dT/);
  });
});
