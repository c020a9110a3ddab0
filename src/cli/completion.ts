import { Argument, type Command } from 'commander';
import { dataOption } from './global-options.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;

const INSTALL = `
Install:
  bash  source <(iamwright completion bash)                     # in ~/.bashrc
  zsh   iamwright completion zsh > "\${fpath[1]}/_iamwright"     # then restart zsh
  fish  iamwright completion fish > ~/.config/fish/completions/iamwright.fish
Service prefixes are those of the active dataset (or --data) when the script is generated.`;

/** `iamwright completion <shell>`: prints a completion script for the whole command tree. */
export function registerCompletion(program: Command): void {
  program
    .command('completion')
    .description('print a shell completion script (bash, zsh or fish)')
    .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
    .addHelpText('after', INSTALL)
    .action(async (shell: (typeof SHELLS)[number], _options: unknown, command: Command) => {
      const [{ completionScript }, { loadDataset }] = await Promise.all([
        import('./completion-script.js'),
        import('../data/load.js'),
      ]);
      const services = loadDataset(dataOption(command))
        .listServices()
        .map((s) => s.prefix);
      let root = command;
      while (root.parent) root = root.parent;
      process.stdout.write(completionScript(shell, root, services));
    });
}
