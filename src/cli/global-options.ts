import type { Command } from 'commander';

/** The global `--data` value (or IAMWRIGHT_DATA), read from the root command. */
export function dataOption(command: Command): string | undefined {
  let root = command;
  while (root.parent) root = root.parent;
  return root.opts<{ data?: string }>().data;
}
