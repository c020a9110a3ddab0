// Writes dist/cli.cjs.cache: V8's code cache of the CLI bundle after running typical commands in
// one process, so that the functions they use are compiled into the cache. Run by the build with
// stdout discarded; the commands' stderr is muted here so that only failures of this script show.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const { CODE_CACHE, loadCli } = createRequire(import.meta.url)('../bin/cli-loader.js');

const COMMANDS = [
  ['--version'],
  ['--help'],
  ['write-policy', '-i', 'bench/templates/small.yml'],
  ['write-policy', '-i', 'bench/templates/large.yml'],
  ['write-policy', '-i', 'bench/templates/large.yml', '--minimize', '0', '--fmt', 'yaml'],
  ['write-policy', '-i', 'bench/templates/large.yml', '--shrink', '--fmt', 'terraform'],
  ['write-policy', '-i', 'examples/actions.yml'],
  ['query', 'action-table', '--service', 's3', '--name', 'GetObject'],
  ['query', 'action-table', '--service', 'all', '--resource-type', '*'],
  ['query', 'action-table', '--service', 'ssm', '--access-level', 'read'],
  ['query', 'arn-table', '--service', 's3'],
  ['query', 'condition-table', '--service', 's3'],
  ['query', 'service-table'],
  ['validate', 'bench/policies/200-statements.json'],
  ['expand', 'bench/policies/200-statements.json'],
];

const { runCli, script } = loadCli({ useCache: false });
const writeErr = process.stderr.write;
process.stderr.write = () => true;
try {
  for (const argv of COMMANDS) await runCli(['node', 'iamwright', ...argv]);
} finally {
  process.stderr.write = writeErr;
  process.exitCode = 0;
}
writeFileSync(CODE_CACHE, script.createCachedData());
