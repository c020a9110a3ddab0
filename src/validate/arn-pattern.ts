/**
 * A stricter ARN matcher than policy_sentry's (src/arn/match.ts), for validate: does some real ARN
 * match both the policy's Resource (with IAM wildcards `*`, `?` and policy variables) and a resource
 * type's ARN format (with `${Placeholders}`)? Both are split into their six colon-separated fields,
 * and each pair of fields is intersected like two automata, so `arn:aws:s3:::*` matches buckets and
 * objects, `arn:aws:s3:::b` only buckets.
 *
 * Case-sensitive, as IAM compares ARNs. A placeholder matches a non-empty run of characters without
 * `:` (the last one of the resource may hold anything, as log-group names with `:*` or paths do),
 * except that placeholders of names that never hold `/` (bucket and table names, the partition,
 * region and account) also stop at `/`.
 */

/**
 * A literal character (a one-character string), or a class: `one` is any one character not in
 * `except`, `star` any run (possibly empty) of them. Classes are shared objects: compiling
 * allocates nothing per character.
 */
type Token = string | { kind: 'one' | 'star'; except: string };

const classes = new Map<string, { kind: 'one' | 'star'; except: string }>();
function cls(kind: 'one' | 'star', except: string): Token {
  const key = `${kind}${except}`;
  let token = classes.get(key);
  if (!token) {
    token = { kind, except };
    classes.set(key, token);
  }
  return token;
}

/** A field's tokens, with what the common cases need to skip the search. */
interface Field extends ReadonlyArray<Token> {
  /** The text, when the field has no wildcard or placeholder. */
  literal: string | undefined;
  /** The field is one `*`: it matches anything. */
  anything: boolean;
  /** The field is one placeholder: any non-empty text without these characters. */
  placeholderExcept: string | undefined;
}

function field(tokens: Token[]): Field {
  const literal = tokens.every((t) => typeof t === 'string') ? tokens.join('') : undefined;
  const [first, second] = tokens;
  const placeholder =
    tokens.length === 2 &&
    typeof first === 'object' &&
    first.kind === 'one' &&
    typeof second === 'object' &&
    second.kind === 'star';
  return Object.assign(tokens, {
    literal,
    anything: tokens.length === 1 && typeof first === 'object' && first.kind === 'star' && first.except === '',
    placeholderExcept: placeholder ? (first as { except: string }).except : undefined,
  });
}

/** The six colon-separated fields of an ARN (the resource, last, may hold more colons). */
export type ArnPattern = readonly Field[];

const NO_SLASH_PLACEHOLDERS = new Set(['BucketName', 'TableName', 'Partition', 'Region', 'Account']);

/** `arn:partition:service:region:account:resource` split at its first five colons. */
function splitFields(arn: string): string[] {
  const fields: string[] = [];
  let rest = arn;
  while (fields.length < 5) {
    const at = rest.indexOf(':');
    if (at < 0) break;
    fields.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  fields.push(rest);
  return fields;
}

/** A Resource value from a policy: `*` and `?` are wildcards, `${...}` is a policy variable. */
export function compilePolicyArn(arn: string): ArnPattern {
  return splitFields(arn).map((text) => {
    const tokens: Token[] = [];
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (ch === '$' && text[i + 1] === '{') {
        const end = text.indexOf('}', i + 2);
        if (end > 0) {
          // ${*}, ${?} and ${$} are escapes for the literal character.
          const inner = text.slice(i + 2, end);
          tokens.push(inner === '*' || inner === '?' || inner === '$' ? inner : cls('star', ''));
          i = end;
          continue;
        }
      }
      tokens.push(ch === '*' ? cls('star', '') : ch === '?' ? cls('one', '') : ch);
    }
    return field(tokens);
  });
}

/** A resource type's ARN format, e.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. */
export function compileArnFormat(format: string): ArnPattern {
  const fields = splitFields(format);
  return fields.map((text, index) => {
    const last = index === fields.length - 1;
    const lastPlaceholderAt = last ? text.lastIndexOf('${') : -1;
    const tokens: Token[] = [];
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (ch === '$' && text[i + 1] === '{') {
        const end = text.indexOf('}', i + 2);
        if (end > 0) {
          const name = text.slice(i + 2, end);
          const except = NO_SLASH_PLACEHOLDERS.has(name) ? ':/' : i === lastPlaceholderAt ? '' : ':';
          tokens.push(cls('one', except), cls('star', except));
          i = end;
          continue;
        }
      }
      tokens.push(ch === '*' ? cls('star', '') : ch);
    }
    return field(tokens);
  });
}

/** True when a policy's ARN has no wildcard and no policy variable: a regular expression can match it. */
export function isLiteralArn(arn: string): boolean {
  return !arn.includes('*') && !arn.includes('?') && !arn.includes('${');
}

/**
 * The format as a regular expression, for literal ARNs (the common case, and much faster than the
 * search): the same rules as {@link compileArnFormat}, field by field.
 */
export function arnFormatRegex(format: string): RegExp {
  const fields = splitFields(format);
  const source = fields.map((text, index) => {
    const last = index === fields.length - 1;
    const lastPlaceholderAt = last ? text.lastIndexOf('${') : -1;
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (ch === '$' && text[i + 1] === '{') {
        const end = text.indexOf('}', i + 2);
        if (end > 0) {
          const name = text.slice(i + 2, end);
          out += NO_SLASH_PLACEHOLDERS.has(name) ? '[^:/]+' : i === lastPlaceholderAt ? '.+' : '[^:]+';
          i = end;
          continue;
        }
      }
      out += ch === '*' ? (last ? '.*' : '[^:]*') : ch.replace(/[\\^$.|?+()[\]{}]/g, '\\$&');
    }
    return out;
  });
  return new RegExp(`^${source.join(':')}$`, 's');
}

/** Can a character match both tokens? Exclusion sets are tiny, so two classes always share one. */
function overlap(a: Token, b: Token): boolean {
  if (typeof a === 'string') return typeof b === 'string' ? a === b : !b.except.includes(a);
  return typeof b !== 'string' || !a.except.includes(b);
}

function hasAnyOf(text: string, chars: string): boolean {
  for (let i = 0; i < chars.length; i++) if (text.includes(chars[i]!)) return true;
  return false;
}

const isStar = (token: Token | undefined) => typeof token === 'object' && token.kind === 'star';

/** True when some ARN matches both patterns: every field of one meets the same field of the other. */
export function patternsIntersect(a: ArnPattern, b: ArnPattern): boolean {
  if (a.length !== b.length) return false;
  // The service field first: it rules out most pairs at once.
  if (!fieldsIntersect(a[2]!, b[2]!)) return false;
  for (let i = 0; i < a.length; i++) if (i !== 2 && !fieldsIntersect(a[i]!, b[i]!)) return false;
  return true;
}

/** Scratch space for the search, reused: the same few ARNs are matched against many formats. */
let seen = new Uint8Array(1024);
const stack: number[] = [];

/** Does some string match both token lists? A search over pairs of positions, like two automata. */
function fieldsIntersect(a: Field, b: Field): boolean {
  if (a.anything || b.anything) return true;
  if (a.literal !== undefined) {
    if (b.literal !== undefined) return a.literal === b.literal;
    const except = b.placeholderExcept;
    if (except !== undefined) return a.literal !== '' && !hasAnyOf(a.literal, except);
  }
  const width = b.length + 1;
  const size = (a.length + 1) * width;
  if (seen.length < size) seen = new Uint8Array(size * 2);
  else seen.fill(0, 0, size);
  stack.length = 0;
  stack.push(0);
  seen[0] = 1;
  while (stack.length > 0) {
    const key = stack.pop()!;
    const i = Math.floor(key / width);
    const j = key - i * width;
    if (i === a.length && j === b.length) return true;
    const ta = a[i];
    const tb = b[j];
    const starA = isStar(ta);
    const starB = isStar(tb);
    if (starA) visit(key + width);
    if (starB) visit(key + 1);
    if (ta !== undefined && tb !== undefined && overlap(ta, tb)) {
      const next = (starA ? 0 : width) + (starB ? 0 : 1);
      if (next !== 0) visit(key + next);
    }
  }
  return false;
}

function visit(key: number): void {
  if (!seen[key]) {
    seen[key] = 1;
    stack.push(key);
  }
}
