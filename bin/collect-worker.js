// `collect download` runs in a worker thread whose young generation is capped. On the main thread
// V8 grows it to its 32 MB maximum in a run over many services (fifty-odd SDK clients, responses
// in flight), which is most of the difference between 140 and 158 MB of peak RSS, for no gain in
// speed. A worker is the one place where a running Node process can choose a heap size
// (`resourceLimits`); flags such as --max-semi-space-size only apply at start-up.
// IAMWRIGHT_COLLECT_WORKER=0 runs it on the main thread instead.
'use strict';
const { writeSync } = require('node:fs');
const { Worker, isMainThread, workerData } = require('node:worker_threads');

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
  const worker = new Worker(__filename, {
    argv: argv.slice(2),
    workerData: { iamwrightCollect: true },
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

if (!isMainThread && workerData?.iamwrightCollect) {
  const { loadCli } = require('./cli-loader.js');
  loadCli({ argv: process.argv })
    .runCli(process.argv)
    .then((code) => process.exit(code !== 0 ? code : (process.exitCode ?? 0)));
}

module.exports = { collectsInWorker, runInWorker };
