// Writes the CLI's V8 code caches: for each short command, `dist/cli.cjs.<command>.cache` after
// running that command's typical uses, and the general `dist/cli.cjs.cache` after all of them
// (for every other command). Each cache is made in its own process, so that it holds only the
// functions its commands compiled. Run by the build with stdout discarded; the commands' stderr
// goes to the build's pipe, shown only if this script fails.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

const { BUNDLE, CACHED_COMMANDS, loadCli } = createRequire(import.meta.url)('../bin/cli-loader.js');

/** V8 11's default (`node --v8-options`); a fresh process's check of each cache guards it. */
const DEFAULT_INTERRUPT_BUDGET = 67584;

const USES = {
  'write-policy': [
    ['write-policy', '-i', 'bench/templates/small.yml'],
    ['write-policy', '-i', 'bench/templates/large.yml'],
    ['write-policy', '-i', 'bench/templates/large.yml', '--minimize', '0', '--fmt', 'yaml'],
    ['write-policy', '-i', 'bench/templates/large.yml', '--shrink', '--fmt', 'terraform'],
    ['write-policy', '-i', 'examples/actions.yml'],
  ],
  query: [
    ['query', 'action-table', '--service', 's3', '--name', 'GetObject'],
    ['query', 'action-table', '--service', 'all', '--resource-type', '*'],
    ['query', 'action-table', '--service', 'ssm', '--access-level', 'read'],
    ['query', 'arn-table', '--service', 's3'],
    ['query', 'condition-table', '--service', 's3'],
    ['query', 'service-table'],
  ],
  validate: [['validate', 'bench/policies/200-statements.json']],
  expand: [['expand', 'bench/policies/200-statements.json']],
  // What runs without AWS: the registry and the command's set-up; the collector compiles lazily.
  collect: [
    ['collect', 'services'],
    ['collect', 'download', '--help'],
  ],
};
const GENERAL = [['--version'], ['--help'], ...Object.values(USES).flat()];

const group = process.argv[2];
if (group === undefined) {
  // The parent: one child process per cache.
  for (const name of [...CACHED_COMMANDS, 'general']) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), name], { stdio: 'inherit' });
    if (child.status !== 0) process.exit(child.status ?? 1);
  }
  // Each cache must be accepted by a fresh process (same Node, same flags): a rejected cache
  // silently costs every run its compile time.
  for (const name of CACHED_COMMANDS) {
    const probe = `process.stdout.write(String(require(${JSON.stringify(
      fileURLToPath(new URL('../bin/cli-loader.js', import.meta.url)),
    )}).loadCli({ argv: ['node', 'iamwright', ${JSON.stringify(name)}] }).script.cachedDataRejected))`;
    const child = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
    if (child.stdout !== 'false') {
      console.error(`warm-code-cache: V8 rejects the ${name} cache (${child.stdout || child.stderr})`);
      process.exit(1);
    }
  }
} else {
  const uses = group === 'general' ? GENERAL : USES[group];
  if (!uses) throw new Error(`no typical uses for ${group}`);
  const { runCli, script } = loadCli({ useCache: false });
  for (const argv of uses) await runCli(['node', 'iamwright', ...argv]);
  process.exitCode = 0;
  // A cache records V8's flags and is rejected by a process whose flags differ. A long template
  // raises the TurboFan budget (src/cli/short-run.ts); a fresh process starts with the default.
  setFlagsFromString(`--interrupt-budget=${DEFAULT_INTERRUPT_BUDGET}`);
  writeFileSync(group === 'general' ? `${BUNDLE}.cache` : `${BUNDLE}.${group}.cache`, script.createCachedData());
}
