import { UsageError } from '../util/errors.js';

/**
 * iam-collect reads every flag of its commands from `IAM_COLLECT_<FLAG_IN_CAPITAL_SNAKE>` too
 * (`IAM_COLLECT_CONCURRENCY=8`, `IAM_COLLECT_CONFIG_FILES="a.jsonc b.jsonc"`), so scripts and
 * containers written for it configure `iamwright collect` unchanged. A flag on the command line
 * wins over its variable.
 */
export type EnvFlagKind = 'list' | 'integer' | 'boolean' | 'string';

/** The variable of a flag: `configFiles` -> `IAM_COLLECT_CONFIG_FILES`. */
export function iamCollectVariable(flag: string): string {
  return `IAM_COLLECT_${flag.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`;
}

/**
 * The values of `flags` (name -> kind) found in `env`, for the flags that `givenOnCommandLine`
 * says are absent. Lists split on spaces and commas; booleans are `true` or `false`; a value of
 * the wrong shape is a usage error naming the variable.
 */
export function flagsFromIamCollectEnv(
  flags: Readonly<Record<string, EnvFlagKind>>,
  env: NodeJS.ProcessEnv,
  givenOnCommandLine: (flag: string) => boolean,
): Record<string, string[] | number | boolean | string> {
  const values: Record<string, string[] | number | boolean | string> = {};
  for (const [flag, kind] of Object.entries(flags)) {
    const variable = iamCollectVariable(flag);
    const text = env[variable]?.trim();
    if (text === undefined || text === '' || givenOnCommandLine(flag)) continue;
    values[flag] = parseValue(variable, text, kind);
  }
  return values;
}

function parseValue(variable: string, text: string, kind: EnvFlagKind): string[] | number | boolean | string {
  switch (kind) {
    case 'list':
      return text.split(/[\s,]+/).filter((part) => part !== '');
    case 'integer': {
      const n = Number(text);
      if (!Number.isInteger(n) || n < 1)
        throw new UsageError(`${variable}: expected a positive integer, got "${text}"`);
      return n;
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      if (lower === 'true' || lower === '1') return true;
      if (lower === 'false' || lower === '0') return false;
      throw new UsageError(`${variable}: expected true or false, got "${text}"`);
    }
    case 'string':
      return text;
  }
}
