/**
 * The examples in README.md and docs/*.md (convention: docs/CONTRIBUTING.md). In a ```console
 * block, a line `$ iamwright ARGS` is run as ./bin/iamwright from the repo root with the bundled
 * dataset, and the lines after it, up to the next `$ ` line or the closing fence, are its exact
 * stdout (its stderr when it fails). `$ cat FILE` shows a file of the repo.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { repoRoot, runCli } from '../write/cli-env.js';

export interface DocExample {
  /** Relative to the repo root, e.g. `docs/templates.md`. */
  file: string;
  /** 1-based line of the `$ ` command. */
  line: number;
  command: string;
  expected: string;
  /** 0-based line indexes of the expected output: [first, end). */
  outputLines: [number, number];
}

export function docFiles(): string[] {
  return [
    ...(existsSync(`${repoRoot}README.md`) ? ['README.md'] : []),
    ...readdirSync(`${repoRoot}docs`)
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => `docs/${f}`),
  ];
}

export function examplesIn(file: string, text = readFileSync(`${repoRoot}${file}`, 'utf8')): DocExample[] {
  const lines = text.split('\n');
  const examples: DocExample[] = [];
  let inConsole = false;
  let current: { line: number; command: string } | undefined;
  const finish = (end: number) => {
    if (current) {
      const output = lines.slice(current.line, end).join('\n');
      examples.push({
        file,
        line: current.line,
        command: current.command,
        expected: output ? `${output}\n` : '',
        outputLines: [current.line, end],
      });
    }
    current = undefined;
  };
  lines.forEach((text, i) => {
    if (!inConsole) {
      inConsole = /^```console\s*$/.test(text);
    } else if (/^```\s*$/.test(text)) {
      finish(i);
      inConsole = false;
    } else if (text.startsWith('$ ')) {
      finish(i);
      current = { line: i + 1, command: text.slice(2) };
    } else if (!current) {
      throw new Error(`${file}:${i + 1}: output before any "$ " command in a console block`);
    }
  });
  if (inConsole) throw new Error(`${file}: a console block is not closed`);
  return examples;
}

/** Splits a command line like a POSIX shell would, for the quoting docs use ('...' and "..."). */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  const pattern = /(\s*)(?:'([^']*)'|"((?:[^"\\]|\\.)*)"|([^\s'"]+))/gy;
  let word: string | undefined;
  let end = 0;
  for (const match of command.matchAll(pattern)) {
    if ((match[1] || match.index === 0) && word !== undefined) {
      words.push(word);
      word = undefined;
    }
    word = (word ?? '') + (match[2] ?? match[3]?.replace(/\\(.)/g, '$1') ?? match[4] ?? '');
    end = match.index + match[0].length;
  }
  if (word !== undefined) words.push(word);
  if (command.slice(end).trim()) throw new Error(`cannot split: ${command}`);
  return words;
}

/** What the example's command prints: stdout, or stderr when it fails. */
export async function runExample(command: string): Promise<string> {
  if (/[|<>;&`$]/.test(command.replace(/'[^']*'/g, ''))) {
    throw new Error(`examples run one command without pipes, redirections or variables: ${command}`);
  }
  const [program, ...args] = shellWords(command);
  if (program === 'cat' && args.length === 1) return readFileSync(`${repoRoot}${args[0]}`, 'utf8');
  if (program !== 'iamwright') throw new Error(`examples run iamwright or cat, not: ${command}`);
  const result = await runCli(args);
  return result.status === 0 ? result.stdout : result.stderr;
}
