/**
 * Checks a value against the configuration's JSON Schema (schema.ts) by walking it directly. It
 * understands only the keywords that schema uses (SUPPORTED_KEYWORDS; a test keeps the two in step)
 * and reports the first error the way ajv does, so load.ts turns it into the same one-line message.
 * Compiling the schema with ajv instead took about 150 ms of every `collect download` start-up.
 */

/** An error in ajv's shape: the keyword that failed, where, and its parameters. */
export interface SchemaError {
  keyword: string;
  /** JSON Pointer of the value, e.g. `/accounts/included/0`. */
  instancePath: string;
  params: Record<string, unknown>;
  /** Set when the error is about a key (propertyNames), not a value. */
  propertyName?: string;
}

type Schema = boolean | { readonly [keyword: string]: unknown };

export const SUPPORTED_KEYWORDS: ReadonlySet<string> = new Set([
  'type',
  'const',
  'enum',
  'if',
  'then',
  'else',
  'pattern',
  'minLength',
  'minimum',
  'maximum',
  'items',
  'required',
  'properties',
  'additionalProperties',
  'propertyNames',
]);

/** The first error of `value` against `schema`, or undefined when it is valid. */
export function checkSchema(schema: Schema, value: unknown, instancePath = ''): SchemaError | undefined {
  if (schema === true) return undefined;
  if (schema === false) return { keyword: 'false schema', instancePath, params: {} };
  const error = (keyword: string, params: Record<string, unknown>): SchemaError => ({ keyword, instancePath, params });

  if (schema.type !== undefined) {
    const types = ([] as string[]).concat(schema.type as string | string[]);
    if (!types.some((type) => hasType(value, type))) return error('type', { type: schema.type });
  }
  if ('const' in schema && !sameJson(value, schema.const)) return error('const', { allowedValue: schema.const });
  if (schema.enum !== undefined) {
    const allowed = schema.enum as readonly unknown[];
    if (!allowed.some((option) => sameJson(value, option))) return error('enum', { allowedValues: allowed });
  }
  if (schema.if !== undefined) {
    const branch = checkSchema(schema.if as Schema, value, instancePath) === undefined ? schema.then : schema.else;
    if (branch !== undefined) {
      const inner = checkSchema(branch as Schema, value, instancePath);
      if (inner) return inner;
    }
  }

  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && [...value].length < schema.minLength)
      return error('minLength', { limit: schema.minLength });
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value))
      return error('pattern', { pattern: schema.pattern });
  }
  if (typeof value === 'number') {
    if (typeof schema.maximum === 'number' && value > schema.maximum)
      return error('maximum', { limit: schema.maximum });
    if (typeof schema.minimum === 'number' && value < schema.minimum)
      return error('minimum', { limit: schema.minimum });
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    for (const [index, item] of value.entries()) {
      const inner = checkSchema(schema.items as Schema, item, `${instancePath}/${index}`);
      if (inner) return inner;
    }
  }
  if (isObject(value)) return checkObject(schema, value, instancePath);
  return undefined;
}

function checkObject(
  schema: { readonly [keyword: string]: unknown },
  value: Record<string, unknown>,
  instancePath: string,
): SchemaError | undefined {
  for (const key of (schema.required as readonly string[] | undefined) ?? []) {
    if (!(key in value)) return { keyword: 'required', instancePath, params: { missingProperty: key } };
  }
  if (schema.propertyNames !== undefined) {
    for (const key of Object.keys(value)) {
      const inner = checkSchema(schema.propertyNames as Schema, key, instancePath);
      if (inner) return { ...inner, instancePath, propertyName: key };
    }
  }
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  if (schema.additionalProperties !== undefined) {
    for (const key of Object.keys(value)) {
      if (Object.hasOwn(properties, key)) continue;
      if (schema.additionalProperties === false)
        return { keyword: 'additionalProperties', instancePath, params: { additionalProperty: key } };
      const inner = checkSchema(schema.additionalProperties as Schema, value[key], childPath(instancePath, key));
      if (inner) return inner;
    }
  }
  for (const [key, property] of Object.entries(properties)) {
    if (!Object.hasOwn(value, key)) continue;
    const inner = checkSchema(property, value[key], childPath(instancePath, key));
    if (inner) return inner;
  }
  return undefined;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'null':
      return value === null;
    default:
      return typeof value === type;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON equality: the config's values are primitives, arrays and plain objects. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** JSON Pointer escaping, as in ajv's instancePath. */
function childPath(base: string, key: string): string {
  return `${base}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}
