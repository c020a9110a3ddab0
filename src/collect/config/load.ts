import { readFile } from 'node:fs/promises';
import {
  findNodeAtLocation,
  type ParseError,
  parseTree,
  printParseErrorCode,
  type Node,
} from 'jsonc-parser/lib/esm/main.js';
import { ConfigError } from '../../util/errors.js';
import { checkSchema, type SchemaError } from './check-schema.js';
import { configSchema } from './schema.js';
import type { AuthConfig, ConfigFile, ConfigLayer } from './types.js';

/** Reads, parses (JSONC) and validates configuration files, in order. Errors name file, line and JSON path. */
export async function loadConfigFiles(paths: string[]): Promise<ConfigLayer[]> {
  const layers: ConfigLayer[] = [];
  for (const file of paths) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new ConfigError(
        code === 'ENOENT'
          ? `${file}: config file not found (create one with \`iamwright collect init\`)`
          : `${file}: cannot read config file (${code ?? String(error)})`,
      );
    }
    layers.push({ file, config: parseConfigText(text, file) });
  }
  return layers;
}

/** Parses and validates one file's text; `file` names it in errors. */
export function parseConfigText(text: string, file: string): ConfigFile {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first || !tree) {
    const offset = first?.offset ?? 0;
    const reason = first ? printParseErrorCode(first.error) : 'empty file';
    throw new ConfigError(`${file}:${lineOf(text, offset)}: invalid JSON (${reason})`);
  }
  const value = nodeValue(tree);
  const error = checkSchema(configSchema, value);
  if (error) {
    const path = pathOf(error);
    const node = findNodeAtLocation(tree, path) ?? tree;
    throw new ConfigError(`${file}:${lineOf(text, node.offset)}: ${jsonPath(path)}: ${describe(error)}`);
  }
  const raw = value as { accounts?: unknown };
  if (raw.accounts === 'organization') raw.accounts = { organization: {} };
  const config = value as ConfigFile;
  checkAuthBlocks(config, file, text, tree);
  return config;
}

function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && value) out[String(key.value)] = nodeValue(value);
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

/** `initialRole` needs exactly one of `arn` and `pathAndName`; JSON Schema would say it less clearly. */
function checkAuthBlocks(config: ConfigFile, file: string, text: string, tree: Node): void {
  const blocks: Array<[(string | number)[], AuthConfig | undefined]> = [[['auth'], config.auth]];
  if (config.storage?.type === 's3') {
    blocks.push([['storage', 'auth'], config.storage.auth]);
    if (config.storage.auth?.role) {
      const at = ['storage', 'auth', 'role'];
      const node = findNodeAtLocation(tree, at) ?? tree;
      throw new ConfigError(
        `${file}:${lineOf(text, node.offset)}: ${jsonPath(at)}: not used for storage, which is reached with "profile" and "initialRole" (an initialRole "arn" reaches a bucket in another account)`,
      );
    }
  }
  const addService = (base: (string | number)[], services: ConfigFile['serviceConfigs']) => {
    for (const [service, sc] of Object.entries(services ?? {})) {
      blocks.push([[...base, service, 'auth'], sc.auth]);
      for (const [region, rc] of Object.entries(sc.regionConfigs ?? {}))
        blocks.push([[...base, service, 'regionConfigs', region, 'auth'], rc.auth]);
      for (const [sync, syc] of Object.entries(sc.syncConfigs ?? {}))
        blocks.push([[...base, service, 'syncConfigs', sync, 'auth'], syc.auth]);
    }
  };
  addService(['serviceConfigs'], config.serviceConfigs);
  for (const [account, ac] of Object.entries(config.accountConfigs ?? {})) {
    blocks.push([['accountConfigs', account, 'auth'], ac.auth]);
    addService(['accountConfigs', account, 'serviceConfigs'], ac.serviceConfigs);
  }
  for (const [path, auth] of blocks) {
    const initial = auth?.initialRole;
    if (!initial) continue;
    if ((initial.arn === undefined) === (initial.pathAndName === undefined)) {
      const at = [...path, 'initialRole'];
      const node = findNodeAtLocation(tree, at) ?? tree;
      throw new ConfigError(
        `${file}:${lineOf(text, node.offset)}: ${jsonPath(at)}: expected exactly one of "arn" or "pathAndName"`,
      );
    }
  }
}

function pathOf(error: SchemaError): (string | number)[] {
  const parts = error.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const name = error.propertyName;
  if (name !== undefined) parts.push(name);
  else if (error.keyword === 'additionalProperties') parts.push(String(error.params.additionalProperty));
  return parts;
}

export function jsonPath(parts: (string | number)[]): string {
  return parts.reduce<string>((out, p) => {
    if (typeof p === 'number') return `${out}[${p}]`;
    return /^[A-Za-z_$][\w$]*$/.test(p) ? `${out}.${p}` : `${out}[${JSON.stringify(p)}]`;
  }, '$');
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  object: 'an object',
  array: 'an array',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
};

const PATTERN_NAMES: Record<string, string> = {
  '^[0-9]{12}$': 'a 12-digit account id',
  '^https?://': 'a URL starting with http:// or https://',
};

function describe(error: SchemaError): string {
  const p = error.params;
  const isKey = error.propertyName !== undefined;
  switch (error.keyword) {
    case 'type': {
      const types = ([] as string[]).concat(p.type as string | string[]);
      return `expected ${types.map((t) => TYPE_NAMES[t] ?? t).join(' or ')}`;
    }
    case 'additionalProperties':
      return 'unknown key (check the spelling; see `iamwright collect init` for every key)';
    case 'required':
      return `missing required key "${String(p.missingProperty)}"`;
    case 'enum':
      return `${isKey ? 'unknown key, ' : ''}expected one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `expected ${JSON.stringify(p.allowedValue)}`;
    case 'pattern': {
      const pattern = String(p.pattern);
      const name =
        PATTERN_NAMES[pattern] ?? (pattern.includes('ou-') ? 'an OU id (ou-...) or root id (r-...)' : undefined);
      return `${isKey ? 'invalid key, ' : ''}expected ${name ?? `a value matching /${pattern}/`}`;
    }
    case 'minLength':
      return p.limit === 1 ? 'expected a non-empty string' : `expected at least ${String(p.limit)} characters`;
    case 'minimum':
      return `expected a number >= ${String(p.limit)}`;
    case 'maximum':
      return `expected a number <= ${String(p.limit)}`;
    default:
      return 'invalid value';
  }
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
