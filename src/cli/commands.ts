import type { Command } from 'commander';
import { registerCreateTemplate } from './create-template.js';
import { registerWritePolicy } from './write-policy.js';
import { registerQuery } from './query.js';
import { registerValidate } from './validate.js';
import { registerExpand } from './expand.js';
import { registerCompletion } from './completion.js';
import { registerData } from './data.js';
import { registerCollect } from './collect.js';

/**
 * Every command by name, in help order. Each `register*` only declares arguments; its action
 * imports the implementation on demand.
 */
const COMMANDS: readonly (readonly [string, (program: Command) => void])[] = [
  ['create-template', registerCreateTemplate],
  ['write-policy', registerWritePolicy],
  ['query', registerQuery],
  ['validate', registerValidate],
  ['expand', registerExpand],
  ['data', registerData],
  ['collect', registerCollect],
  ['completion', registerCompletion],
];

/** Root options that take a value: the word after them is not a command. */
const ROOT_OPTIONS_WITH_VALUE = new Set(['--data']);

/** The command a command line runs (`args` without node and script), when it names one. */
export function commandOf(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (ROOT_OPTIONS_WITH_VALUE.has(arg)) i++;
    else if (!arg.startsWith('-')) return COMMANDS.some(([name]) => name === arg) ? arg : undefined;
  }
  return undefined;
}

/**
 * Registers the command that `args` runs, or every command when it names none (root help, an
 * unknown command and its suggestions). Declaring all eight with their options is a millisecond
 * of every start-up; `completion` walks every command, so it gets them all.
 */
export function registerCommands(program: Command, args?: readonly string[]): void {
  const only = args === undefined ? undefined : commandOf(args);
  for (const [name, register] of COMMANDS) {
    if (only === undefined || only === 'completion' || name === only) register(program);
  }
}
