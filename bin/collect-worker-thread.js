// The worker thread started by collect-worker.js: it runs the command line and ends the process
// with the command's exit code.
'use strict';
const { loadCli } = require('./cli-loader.js');

loadCli({ argv: process.argv })
  .runCli(process.argv)
  .then((code) => process.exit(code !== 0 ? code : (process.exitCode ?? 0)));
