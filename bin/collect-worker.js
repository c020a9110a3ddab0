// `collect download` runs in a worker thread whose heap is capped. On the main thread V8 grows the
// young generation to its 32 MB maximum in a run over many services (fifty-odd SDK clients,
// responses in flight), and lets the old generation reach four times its live size before a full
// collection, because the default heap limit is large: 160 MB and more of peak RSS for 35 MB of live
// data. A worker is the one place where a running Node process can choose its heap sizes
// (`resourceLimits`); flags such as --max-semi-space-size only apply at start-up. With a 1 GB old
// generation V8 collects at about 1.6 times the live size (its growing factor scales with the limit).
// A collection that outgrows the cap is not lost: it runs again on the main thread, which converges
// to the same tree (writes are atomic and idempotent).
// IAMWRIGHT_COLLECT_WORKER=0 runs it on the main thread; IAMWRIGHT_COLLECT_WORKER_HEAP_MB sets the cap.
'use strict';
// worker_threads is required only when a worker starts: loading it costs every other command ~1 ms.
const { writeSync } = require('node:fs');

const YOUNG_GENERATION_MB = 8;
const OLD_GENERATION_MB = 1024;

/** `collect download` (not its --help), unless switched off. */
function collectsInWorker(argv, env = process.env) {
  if (env.IAMWRIGHT_COLLECT_WORKER === '0') return false;
  const args = argv.slice(2);
  const at = args.indexOf('collect');
  return at >= 0 && args[at + 1] === 'download' && !args.includes('--help') && !args.includes('-h');
}

/** The old-generation cap in MB: IAMWRIGHT_COLLECT_WORKER_HEAP_MB when it is a positive integer. */
function oldGenerationMb(env = process.env) {
  const given = Number(env.IAMWRIGHT_COLLECT_WORKER_HEAP_MB);
  return Number.isInteger(given) && given > 0 ? given : OLD_GENERATION_MB;
}

/** `--log-format json` (or iam-collect's IAM_COLLECT_RAW_JSON_LOGS when no format is given). */
function jsonLogs(argv, env = process.env) {
  const at = argv.indexOf('--log-format');
  const format = at >= 0 ? argv[at + 1] : argv.find((arg) => arg.startsWith('--log-format='))?.slice(13);
  return format === undefined ? env.IAM_COLLECT_RAW_JSON_LOGS?.trim() === 'true' : format === 'json';
}

/** A warning on stderr, as a JSON log event when the command line asks for JSON logs. */
function warn(argv, message) {
  const line = jsonLogs(argv)
    ? JSON.stringify({ time: new Date().toISOString(), level: 'warning', message })
    : `iamwright: ${message}`;
  writeSync(2, `${line}\n`);
}

/** Runs the command line on this thread, as bin/iamwright does for every other command. */
function runHere(argv) {
  const { loadCli } = require('./cli-loader.js');
  loadCli({ argv })
    .runCli(argv)
    .then((code) => {
      process.exitCode = code;
    });
}

/** Runs the command line in a worker; the process exits with the worker's code. */
function runInWorker(argv) {
  const { Worker } = require('node:worker_threads');
  const heapMb = oldGenerationMb();
  const worker = new Worker(require('node:path').join(__dirname, 'collect-worker-thread.js'), {
    argv: argv.slice(2),
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: heapMb },
  });
  let rerun = false;
  worker.on('error', (error) => {
    if (error?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      rerun = true;
      warn(argv, `the collection outgrew its ${heapMb} MB heap; running it again without the cap`);
      return;
    }
    writeSync(2, `iamwright: internal error: ${String(error?.message ?? error).split('\n')[0]}\n`);
    process.exitCode = 1;
  });
  worker.on('exit', (code) => {
    if (rerun) runHere(argv);
    else if (process.exitCode === undefined || process.exitCode === 0) process.exitCode = code;
  });
}

module.exports = { collectsInWorker, jsonLogs, runInWorker };
