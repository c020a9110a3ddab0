import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { commandOf, registerCommands } from '../../src/cli/commands.js';

const ALL = ['create-template', 'write-policy', 'query', 'validate', 'expand', 'data', 'collect', 'completion'];

/** The commands registered for a command line (arguments after the script). */
function registered(args: string[]): string[] {
  const program = new Command('iamwright');
  registerCommands(program, args);
  return program.commands.map((c) => c.name());
}

describe('registerCommands registers only the command a line runs', () => {
  const cases: [string[], string | undefined, string[]][] = [
    [['write-policy', '-i', 't.yml'], 'write-policy', ['write-policy']],
    [['--data', 'query', 'validate', 'p.json'], 'validate', ['validate']],
    [['--data=x.json', 'query', 'service-table'], 'query', ['query']],
    [['collect', 'download', '--help'], 'collect', ['collect']],
    [['completion', 'bash'], 'completion', ALL],
    [['--help'], undefined, ALL],
    [['help', 'write-policy'], undefined, ALL],
    [['writ-policy'], undefined, ALL],
    [[], undefined, ALL],
  ];
  for (const [args, command, commands] of cases) {
    it(`${JSON.stringify(args)} -> ${commands.length === ALL.length ? 'all' : commands.join(', ')}`, () => {
      assert.equal(commandOf(args), command);
      assert.deepEqual(registered(args), commands);
    });
  }
  it('registers every command without a command line', () => {
    const program = new Command('iamwright');
    registerCommands(program);
    assert.deepEqual(
      program.commands.map((c) => c.name()),
      ALL,
    );
  });
});
