// Loads the bundled CLI (dist/cli.cjs) with V8's code cache (dist/cli.cjs.cache, written by
// `npm run build` after running typical commands), so a run skips compiling the code it uses.
// Node 20 has no module.enableCompileCache(); vm.Script's cachedData is the stable equivalent.
// A cache made by another Node version is rejected by V8 and the bundle is simply compiled.
// CommonJS (bin/package.json) because Node's ESM loader alone costs several milliseconds.
'use strict';
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const BUNDLE = join(__dirname, '..', 'dist', 'cli.cjs');
const CODE_CACHE = `${BUNDLE}.cache`;

/** The bundle's exports (`runCli`) and its compiled script (for `createCachedData`). */
function loadCli({ useCache = true } = {}) {
  const source = readFileSync(BUNDLE, 'utf8');
  let cachedData;
  if (useCache) {
    try {
      cachedData = readFileSync(CODE_CACHE);
    } catch {
      cachedData = undefined;
    }
  }
  const script = new Script(Module.wrap(source), { filename: BUNDLE, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
  return { runCli: module.exports.runCli, script };
}

module.exports = { BUNDLE, CODE_CACHE, loadCli };
