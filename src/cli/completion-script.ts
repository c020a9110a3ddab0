/**
 * Shell completion scripts, generated from the commander program tree so that every command,
 * option and choice appears without being listed here. Service prefixes come from the dataset.
 */
import type { Command, Option } from 'commander';

export type Shell = 'bash' | 'zsh' | 'fish';

/** What an option's value completes to. */
type ValueKind = { words: string[] } | 'services' | 'services-or-all' | 'files' | 'text';

interface OptionSpec {
  /** `-s`, `--service`. */
  names: string[];
  description: string;
  /** Absent for flags. */
  value?: ValueKind;
}

interface CommandSpec {
  /** Subcommand names from the root, space-separated (`query action-table`); `''` for the root. */
  path: string;
  subcommands: { name: string; description: string }[];
  options: OptionSpec[];
  /** Choices of the first positional argument (`completion <shell>`). */
  argumentWords: string[];
}

const HELP: OptionSpec = { names: ['-h', '--help'], description: 'display help' };

function valueKind(option: Option): ValueKind | undefined {
  if (!option.required && !option.optional) return undefined;
  if (option.argChoices) return { words: [...option.argChoices] };
  // `<prefix|all>`: the command also takes `all` (query action-table).
  if (option.long === '--service') return option.flags.includes('|all>') ? 'services-or-all' : 'services';
  if (/<[^>]*(path|file|dir)[^>]*>/i.test(option.flags)) return 'files';
  return 'text';
}

function optionSpec(option: Option): OptionSpec {
  const names = [option.short, option.long].filter((n): n is string => n !== undefined);
  const value = valueKind(option);
  return value ? { names, description: option.description, value } : { names, description: option.description };
}

/** Every command of the tree, depth first. Options that take a value stay valid in subcommands (`--data`). */
export function describeProgram(program: Command): CommandSpec[] {
  const specs: CommandSpec[] = [];
  const walk = (command: Command, path: string, inherited: OptionSpec[]) => {
    const own = command.options.filter((o) => !o.hidden).map(optionSpec);
    const visible = command.commands.filter((c) => !(c as Command & { _hidden?: boolean })._hidden);
    specs.push({
      path,
      subcommands: visible.map((c) => ({ name: c.name(), description: c.description() })),
      options: [...own, ...inherited, HELP],
      argumentWords: [...(command.registeredArguments[0]?.argChoices ?? [])],
    });
    const passedOn = [...inherited, ...own.filter((o) => o.value !== undefined)];
    for (const sub of visible) walk(sub, path ? `${path} ${sub.name()}` : sub.name(), passedOn);
  };
  walk(program, '', []);
  return specs;
}

/** A string in single quotes for bash and zsh. */
function shQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** A string in single quotes for fish. */
function fishQuote(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

function valueLine(kind: ValueKind): string {
  return typeof kind === 'string' ? kind : `words ${kind.words.join(' ')}`;
}

/** Helper functions shared by bash and zsh: the command tree as `case` tables, and the parser. */
function posixHelpers(specs: CommandSpec[], program: string, services: string[]): string {
  const fn = `__${program}`;
  const printf = (words: string[]) => (words.length ? `printf '%s\\n' ${words.map(shQuote).join(' ')}` : ':');
  const table = (name: string, rows: [string, string][], subject = '"$1"') =>
    [`${fn}_${name}() {`, `  case ${subject} in`, ...rows.map(([k, v]) => `    ${k}) ${v} ;;`), '  esac', '}'].join(
      '\n',
    );
  const valueRows: [string, string][] = specs.flatMap((spec) =>
    spec.options
      .filter((o) => o.value !== undefined)
      .map((o): [string, string] => [
        o.names.map((n) => shQuote(`${spec.path}|${n}`)).join('|'),
        `echo ${shQuote(valueLine(o.value!))}`,
      ]),
  );
  return [
    `${fn}_services=${shQuote(services.join(' '))}`,
    '',
    '# Subcommands, options and positional words of each command path.',
    table(
      'subcommands',
      specs.map((s) => [shQuote(s.path), printf(s.subcommands.map((c) => c.name))]),
    ),
    table(
      'options',
      specs.map((s) => [shQuote(s.path), printf(s.options.flatMap((o) => o.names))]),
    ),
    table(
      'arguments',
      specs.map((s) => [shQuote(s.path), printf(s.argumentWords)]),
    ),
    "# What an option's value completes to (`words ...`, services, services-or-all, files, text); nothing for a flag.",
    table('value', valueRows.length ? valueRows : [["''", ':']], '"$1|$2"'),
    '# Reads the words before the cursor: sets the command path and the option awaiting a value.',
    `${fn}_parse() {`,
    `  ${fn}_path=''`,
    `  ${fn}_pending=''`,
    '  local word sub',
    '  for word in "$@"; do',
    `    if [ "$word" = '=' ]; then continue; fi`,
    // A word starting with '-' is an option even after one that takes a value (optional values: `-m -i f`).
    `    if [ -n "$${fn}_pending" ]; then`,
    `      ${fn}_pending=''`,
    `      case "$word" in -*) ;; *) continue ;; esac`,
    '    fi',
    '    case "$word" in',
    '      --*=*) ;;',
    `      -*) if [ -n "$(${fn}_value "$${fn}_path" "$word")" ]; then ${fn}_pending="$word"; fi ;;`,
    '      *)',
    `        for sub in $(${fn}_subcommands "$${fn}_path"); do`,
    `          if [ "$sub" = "$word" ]; then ${fn}_path="\${${fn}_path:+$${fn}_path }$word"; break; fi`,
    '        done',
    '        ;;',
    '    esac',
    '  done',
    '}',
  ].join('\n');
}

function bashScript(specs: CommandSpec[], program: string, services: string[]): string {
  const fn = `__${program}`;
  return `# bash completion for ${program} (generated by \`${program} completion bash\`)
${posixHelpers(specs, program, services)}

_${program}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" option='' kind
  local -a before=("\${COMP_WORDS[@]:1:COMP_CWORD-1}")
  # With '=' in COMP_WORDBREAKS, --fmt=y arrives as three words: --fmt = y.
  if [ "$cur" = '=' ]; then
    option="$prev"
    cur=''
  elif [ "$prev" = '=' ] && [ "$COMP_CWORD" -ge 3 ]; then
    option="\${COMP_WORDS[COMP_CWORD-2]}"
  fi
  ${fn}_parse "\${before[@]}"
  # A word starting with '-' is an option, even where an optional value could go.
  case "$cur" in -*) ;; *) if [ -z "$option" ]; then option="$${fn}_pending"; fi ;; esac
  COMPREPLY=()
  if [ -n "$option" ]; then
    kind="$(${fn}_value "$${fn}_path" "$option")"
    case "$kind" in
      words\\ *) COMPREPLY=($(compgen -W "\${kind#words }" -- "$cur")) ;;
      services) COMPREPLY=($(compgen -W "$${fn}_services" -- "$cur")) ;;
      services-or-all) COMPREPLY=($(compgen -W "all $${fn}_services" -- "$cur")) ;;
      files)
        compopt -o filenames 2>/dev/null
        COMPREPLY=($(compgen -f -- "$cur"))
        ;;
    esac
    return 0
  fi
  case "$cur" in
    -*) COMPREPLY=($(compgen -W "$(${fn}_options "$${fn}_path")" -- "$cur")) ;;
    *) COMPREPLY=($(compgen -W "$(${fn}_subcommands "$${fn}_path") $(${fn}_arguments "$${fn}_path")" -- "$cur")) ;;
  esac
  return 0
}
complete -F _${program} ${program}
`;
}

function zshScript(specs: CommandSpec[], program: string, services: string[]): string {
  const fn = `__${program}`;
  return `#compdef ${program}
# zsh completion for ${program} (generated by \`${program} completion zsh\`)
${posixHelpers(specs, program, services)}

_${program}() {
  local cur="\${words[CURRENT]}" option='' kind
  local -a before
  before=("\${(@)words[2,CURRENT-1]}")
  if [[ "$cur" == --*=* ]]; then
    option="\${cur%%=*}"
    compset -P '*='
  fi
  ${fn}_parse "\${before[@]}"
  if [[ -z "$option" && "$cur" != -* ]]; then option="$${fn}_pending"; fi
  if [[ -n "$option" ]]; then
    kind="$(${fn}_value "$${fn}_path" "$option")"
    case "$kind" in
      words\\ *) compadd -- \${=kind#words } ;;
      services) compadd -- \${=${fn}_services} ;;
      services-or-all) compadd -- all \${=${fn}_services} ;;
      files) _files ;;
    esac
    return 0
  fi
  if [[ "$cur" == -* ]]; then
    compadd -- $(${fn}_options "$${fn}_path")
  else
    compadd -- $(${fn}_subcommands "$${fn}_path") $(${fn}_arguments "$${fn}_path")
  fi
  return 0
}

# Autoloaded from $fpath (as _${program}) or sourced after compinit.
if [[ "\${zsh_eval_context[-1]}" == loadautofunc ]]; then
  _${program} "$@"
else
  compdef _${program} ${program}
fi
`;
}

function fishScript(specs: CommandSpec[], program: string, services: string[]): string {
  const fn = `__${program}`;
  const cases = (name: string, rows: [string, string[]][]) =>
    [
      `function ${fn}_${name}`,
      '    switch "$argv[1]"',
      ...rows
        .filter(([, words]) => words.length > 0)
        .map(
          ([path, words]) =>
            `        case ${fishQuote(path)}\n            printf '%s\\n' ${words.map(fishQuote).join(' ')}`,
        ),
      '    end',
      'end',
    ].join('\n');
  const lines: string[] = [];
  const at = (path: string) => `-n ${fishQuote(`${fn}_at ${fishQuote(path)}`)}`;
  for (const spec of specs) {
    for (const sub of spec.subcommands) {
      lines.push(`complete -c ${program} ${at(spec.path)} -a ${fishQuote(sub.name)} -d ${fishQuote(sub.description)}`);
    }
    if (spec.argumentWords.length) {
      lines.push(`complete -c ${program} ${at(spec.path)} -a ${fishQuote(spec.argumentWords.join(' '))}`);
    }
    for (const option of spec.options) {
      const names = option.names.map((n) => (n.startsWith('--') ? `-l ${n.slice(2)}` : `-s ${n.slice(1)}`)).join(' ');
      let value = '';
      if (option.value === 'files') value = ' -r -F';
      else if (option.value === 'services') value = ` -x -a ${fishQuote(`(${fn}_services)`)}`;
      else if (option.value === 'services-or-all') value = ` -x -a ${fishQuote(`all (${fn}_services)`)}`;
      else if (option.value === 'text') value = ' -x';
      else if (option.value) value = ` -x -a ${fishQuote(option.value.words.join(' '))}`;
      lines.push(`complete -c ${program} ${at(spec.path)} ${names}${value} -d ${fishQuote(option.description)}`);
    }
  }
  return `# fish completion for ${program} (generated by \`${program} completion fish\`)
function ${fn}_services
    printf '%s\\n' ${services.map(fishQuote).join(' ')}
end

${cases(
  'subcommands',
  specs.map((s) => [s.path, s.subcommands.map((c) => c.name)]),
)}

${cases(
  'value_options',
  specs.map((s) => [s.path, s.options.filter((o) => o.value !== undefined).flatMap((o) => o.names)]),
)}

# The command path (\`query action-table\`) of the words before the cursor.
function ${fn}_path
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l path
    set -l pending 0
    for word in $tokens
        if test $pending -eq 1
            set pending 0
            if not string match -q -- '-*' $word
                continue
            end
        end
        switch $word
            case '--*=*'
            case '-*'
                if contains -- $word (${fn}_value_options "$path")
                    set pending 1
                end
            case '*'
                if contains -- $word (${fn}_subcommands "$path")
                    set -a path $word
                end
        end
    end
    echo "$path"
end

function ${fn}_at
    set -l path (${fn}_path)
    test "$path" = "$argv[1]"
end

complete -c ${program} -f
${lines.join('\n')}
`;
}

/** The completion script for `shell`, covering the whole program tree. */
export function completionScript(shell: Shell, program: Command, services: readonly string[]): string {
  const specs = describeProgram(program);
  const sorted = [...services].sort();
  const name = program.name();
  if (shell === 'bash') return bashScript(specs, name, sorted);
  if (shell === 'zsh') return zshScript(specs, name, sorted);
  return fishScript(specs, name, sorted);
}
