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
 * Every command, registered in help order. Each `register*` only declares arguments;
 * its action imports the implementation on demand.
 */
export function registerCommands(program: Command): void {
  registerCreateTemplate(program);
  registerWritePolicy(program);
  registerQuery(program);
  registerValidate(program);
  registerExpand(program);
  registerData(program);
  registerCollect(program);
  registerCompletion(program);
}
