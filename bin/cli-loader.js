// Loads the bundled CLI (dist/cli.cjs) with V8's code cache, written by `npm run build` after
// running typical commands, so a run skips compiling the code it uses. Each short command has its
// own cache (dist/cli.cjs.<command>.cache) holding only the functions it runs: V8 deserialises a
// whole cache on load, and the full one costs a short command more.
// Node 20 has no module.enableCompileCache(); vm.Script's cachedData is the stable equivalent.
// A cache made by another Node version is rejected by V8 and the bundle is simply compiled.
// CommonJS (bin/package.json) because Node's ESM loader alone costs several milliseconds.
'use strict';
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const BUNDLE = join(__dirname, '..', 'dist', 'cli.cjs');
/** Commands with a cache of their own; any other command uses the general cache. */
const CACHED_COMMANDS = ['write-policy', 'query', 'validate', 'expand', 'collect'];

/** The code cache file of the command in `argv` (as process.argv), or the general one. */
function codeCachePath(argv = []) {
  const command = argv.slice(2).find((arg) => CACHED_COMMANDS.includes(arg));
  return command ? `${BUNDLE}.${command}.cache` : `${BUNDLE}.cache`;
}

/** The bundle's exports (`runCli`) and its compiled script (for `createCachedData`). */
function loadCli({ useCache = true, argv = [] } = {}) {
  const source = readFileSync(BUNDLE, 'utf8');
  let cachedData;
  if (useCache) {
    try {
      cachedData = readFileSync(codeCachePath(argv));
    } catch {
      cachedData = undefined;
    }
  }
  const script = new Script(Module.wrap(source), { filename: BUNDLE, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
  return { runCli: module.exports.runCli, script };
}

module.exports = { BUNDLE, CACHED_COMMANDS, codeCachePath, loadCli };
