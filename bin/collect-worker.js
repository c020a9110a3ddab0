// `collect download` runs in a worker thread whose young generation is capped. On the main thread
// V8 grows it to its 32 MB maximum in a run over many services (fifty-odd SDK clients, responses
// in flight), which is most of the difference between 140 and 158 MB of peak RSS, for no gain in
// speed. A worker is the one place where a running Node process can choose a heap size
// (`resourceLimits`); flags such as --max-semi-space-size only apply at start-up.
// IAMWRIGHT_COLLECT_WORKER=0 runs it on the main thread instead.
'use strict';
// worker_threads is required only when a worker starts: loading it costs every other command ~1 ms.
const { writeSync } = require('node:fs');

const YOUNG_GENERATION_MB = 8;

/** `collect download` (not its --help), unless switched off. */
function collectsInWorker(argv, env = process.env) {
  if (env.IAMWRIGHT_COLLECT_WORKER === '0') return false;
  const args = argv.slice(2);
  const at = args.indexOf('collect');
  return at >= 0 && args[at + 1] === 'download' && !args.includes('--help') && !args.includes('-h');
}

/** Runs the command line in a worker; the process exits with the worker's code. */
function runInWorker(argv) {
  const { Worker } = require('node:worker_threads');
  const worker = new Worker(require('node:path').join(__dirname, 'collect-worker-thread.js'), {
    argv: argv.slice(2),
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
  worker.on('error', (error) => {
    writeSync(2, `iamwright: internal error: ${String(error?.message ?? error).split('\n')[0]}\n`);
    process.exitCode = 1;
  });
  worker.on('exit', (code) => {
    if (process.exitCode === undefined || process.exitCode === 0) process.exitCode = code;
  });
}

module.exports = { collectsInWorker, runInWorker };
