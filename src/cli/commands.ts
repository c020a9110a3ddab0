import type { Command } from 'commander';

/**
 * Every command, registered in help order. Each `register*` only declares arguments;
 * its action imports the implementation on demand.
 */
export function registerCommands(program: Command): void {
  void program;
}
