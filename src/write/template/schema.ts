import { TemplateError } from '../../util/errors.js';
import schemas from './template-schema.json' with { type: 'json' };
import { validateActions, validateCrud } from './template-schema.generated.js';

/** The parts of an ajv error we read. */
interface SchemaError {
  instancePath: string;
  keyword: string;
  params: { additionalProperty?: string; missingProperty?: string; type?: string };
}
type SchemaValidator = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };

/** A JSON Schema node (`true` accepts anything). */
interface SchemaNode {
  properties?: Record<string, SchemaNode | boolean>;
  [keyword: string]: unknown;
}

const VALIDATORS: Record<'crud' | 'actions', SchemaValidator> = {
  crud: validateCrud as SchemaValidator,
  actions: validateActions as SchemaValidator,
};

/**
 * Checks a template's keys and value types against policy_sentry's schema for its mode, and
 * throws a TemplateError (with `path`) for the first violation. Templates without a mode
 * policy_sentry knows are not checked: they yield an empty policy.
 */
export function checkTemplateSchema(value: unknown): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TemplateError(`expected a mapping of template keys, got ${describe(value)}`, []);
  }
  const mode = (value as { mode?: unknown }).mode;
  if (mode !== 'crud' && mode !== 'actions') return;
  const validate = VALIDATORS[mode];
  if (validate(value)) return;
  // With alternatives (an ARN entry is a string or a mapping), the deepest error is the telling one.
  const preference = ['additionalProperties', 'required', 'enum', 'type'];
  const rank = (e: SchemaError) => (preference.includes(e.keyword) ? preference.indexOf(e.keyword) : preference.length);
  const error = [...(validate.errors ?? [])].sort(
    (a, b) => b.instancePath.split('/').length - a.instancePath.split('/').length || rank(a) - rank(b),
  )[0];
  if (!error) throw new TemplateError(`the template does not match the ${mode} schema`, []);
  throw toTemplateError(error, value, mode);
}

function toTemplateError(error: SchemaError, template: unknown, mode: 'crud' | 'actions'): TemplateError {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((step) => step.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((step) => (/^\d+$/.test(step) ? Number(step) : step));
  const where = path.length ? `${formatPath(path)}: ` : '';
  const got = describe(valueAt(template, path));
  switch (error.keyword) {
    case 'additionalProperty':
    case 'additionalProperties': {
      const key = error.params.additionalProperty ?? '';
      const allowed = Object.keys(schemaAt(schemas[mode], path).properties ?? {});
      const scope = path.length
        ? `${formatPath(path)} takes`
        : `${mode === 'crud' ? 'a crud' : 'an actions'} template takes`;
      return new TemplateError(`${where}unknown key "${key}" (${scope} ${listOf(allowed)})`, [...path, key]);
    }
    case 'required':
      if (path.length > 0) {
        // A list entry that YAML read as a mapping: usually an unquoted ARN ending in ":".
        return new TemplateError(
          `${where}expected an ARN, got a mapping without "arn" (quote entries that contain ": " or end with ":")`,
          path,
        );
      }
      return new TemplateError(
        `missing key "${error.params.missingProperty}" (an actions template needs a list of actions)`,
        ['mode'],
      );
    case 'enum':
      return new TemplateError(`${where}expected "Allow" or "Deny", got ${got}`, path);
    case 'type': {
      const expected =
        error.params.type === 'array' ? 'a list of strings' : error.params.type === 'object' ? 'a mapping' : 'a string';
      // `- arn:aws:s3:::` is a mapping to YAML (a key ending in ":"), as it is to PyYAML.
      const hint =
        expected === 'a string' && got === 'a mapping' ? ' (quote entries that contain ": " or end with ":")' : '';
      return new TemplateError(`${where}expected ${expected}, got ${got}${hint}`, path);
    }
    default:
      return new TemplateError(`${where}does not match the ${mode} template schema (${error.keyword})`, path);
  }
}

/** `wildcard-only.single-actions[2]` */
export function formatPath(path: (string | number)[]): string {
  return path.map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`)).join('');
}

/** A short, readable account of a YAML value for error messages. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}

function valueAt(value: unknown, path: (string | number)[]): unknown {
  let current = value;
  for (const step of path) current = (current as Record<string | number, unknown> | null | undefined)?.[step];
  return current;
}

function schemaAt(schema: SchemaNode, path: (string | number)[]): SchemaNode {
  let current = resolve(schema);
  for (const step of path) {
    const next = typeof step === 'number' ? itemSchema(current) : current.properties?.[step];
    current = typeof next === 'object' ? resolve(next) : {};
  }
  return current;
}

/** Follows `$ref` to the named schema, and picks the mapping alternative of an `anyOf`. */
function resolve(node: SchemaNode): SchemaNode {
  const ref = node.$ref;
  const target = typeof ref === 'string' ? (schemas as unknown as Record<string, SchemaNode>)[ref] : undefined;
  const resolved = target ?? node;
  const alternatives = resolved.anyOf as SchemaNode[] | undefined;
  return alternatives?.find((a) => a.type === 'object') ?? resolved;
}

function itemSchema(node: SchemaNode): SchemaNode | undefined {
  const items = node.items as SchemaNode | undefined;
  return items ? resolve(items) : undefined;
}

function listOf(keys: string[]): string {
  return keys.length <= 1 ? (keys[0] ?? 'no keys') : `${keys.slice(0, -1).join(', ')} or ${keys.at(-1)}`;
}
