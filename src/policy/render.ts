/**
 * Policy renderers, byte-compatible with policy_sentry's output: Python's `json.dumps` and
 * PyYAML's `yaml.dump`, each followed by the newline its `print` adds.
 */
import type { PolicyDocument } from './document.js';
import { isIacFormat, type OutputFormat } from './formats.js';
import { type IacOptions, renderIac } from './render-iac.js';

export {
  type OutputFormat,
  OUTPUT_FORMATS,
  type PolicySentryFormat,
  POLICY_SENTRY_FORMATS,
} from './formats.js';

/** Options of the IaC formats (the policy_sentry ones take none). */
export type RenderOptions = IacOptions;

/** The values a policy (or any JSON-like document) holds. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export function renderPolicy(policy: PolicyDocument, format: OutputFormat, options: RenderOptions = {}): string {
  if (isIacFormat(format)) return renderIac([policy], format, options);
  if (format === 'yaml') return renderYaml(policy);
  if (format === 'terraform') return renderTerraform(policy);
  return renderJson(policy);
}

/**
 * Several policies (from `--max-size`): a JSON or YAML list of documents, or for terraform
 * `{"policies": ["<json>", ...]}`; the IaC formats say in render-iac.ts.
 */
export function renderPolicies(policies: PolicyDocument[], format: OutputFormat, options: RenderOptions = {}): string {
  if (isIacFormat(format)) return renderIac(policies, format, options);
  const values = policies as unknown as JsonValue[];
  if (format === 'yaml') return `${pythonYamlDump(values)}\n`;
  if (format === 'terraform') return `${pythonJsonDumps({ policies: values.map((v) => pythonJsonDumps(v)) })}\n`;
  return `${pythonJsonDumps(values, 4)}\n`;
}

/** `json.dumps(policy, indent=4)` + newline. */
export function renderJson(policy: PolicyDocument): string {
  return `${pythonJsonDumps(policy as unknown as JsonValue, 4)}\n`;
}

/** `{"policy": "<json.dumps(policy)>"}` + newline: the policy as one string, for Terraform. */
export function renderTerraform(policy: PolicyDocument): string {
  return `${pythonJsonDumps({ policy: pythonJsonDumps(policy as unknown as JsonValue) })}\n`;
}

/** `yaml.dump(policy, sort_keys=False)` + newline. */
export function renderYaml(policy: PolicyDocument): string {
  return `${pythonYamlDump(policy as unknown as JsonValue)}\n`;
}

/**
 * Python's `json.dumps(value, indent=indent)` (ensure_ascii): `", "` and `": "` separators
 * without indent, `","` line ends with it, and every non-ASCII character as a `\uXXXX` escape.
 */
export function pythonJsonDumps(value: JsonValue, indent?: number, depth = 0): string {
  // With an indent, Python's layout and separators are JSON.stringify's; only the escaping differs.
  if (indent !== undefined && depth === 0) return asciiOnly(JSON.stringify(value, null, indent));
  if (typeof value === 'string') return asciiJsonString(value);
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const entries: [string | undefined, JsonValue][] = Array.isArray(value)
    ? value.map((item) => [undefined, item])
    : Object.entries(value);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return open + close;
  const parts = entries.map(
    ([key, item]) => (key === undefined ? '' : `${asciiJsonString(key)}: `) + pythonJsonDumps(item, indent, depth + 1),
  );
  if (indent === undefined) return open + parts.join(', ') + close;
  const inner = ' '.repeat(indent * (depth + 1));
  const outer = ' '.repeat(indent * depth);
  return `${open}\n${inner}${parts.join(`,\n${inner}`)}\n${outer}${close}`;
}

function asciiJsonString(text: string): string {
  return asciiOnly(JSON.stringify(text));
}

/**
 * JSON.stringify escapes quotes, backslashes, controls and lone surrogates like Python does;
 * Python also escapes DEL and every non-ASCII UTF-16 unit (ensure_ascii).
 */
function asciiOnly(json: string): string {
  return json.replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * PyYAML's `yaml.dump(value, sort_keys=False)` with its defaults: block style, indent 2,
 * sequences inside mappings not indented, empty collections as `[]`/`{}`, lines folded at
 * spaces past column 80, and each string in the first style the emitter allows (plain,
 * then single-quoted, then double-quoted with escapes).
 */
export function pythonYamlDump(value: JsonValue): string {
  const emitter = new BlockEmitter();
  emitter.node(value, 'root');
  emitter.writeIndent();
  return emitter.output.join('');
}

type Context = 'root' | 'sequence' | 'mapping' | 'key';

/** The subset of PyYAML's Emitter state machine that block-style documents use. */
class BlockEmitter {
  readonly output: string[] = [];
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent: number | undefined = undefined;
  private readonly indents: (number | undefined)[] = [];
  private readonly bestIndent = 2;
  private readonly bestWidth = 80;

  node(value: JsonValue, context: Context): void {
    if (Array.isArray(value)) {
      if (value.length === 0) this.emptyCollection('[', ']');
      else this.blockSequence(value, context);
    } else if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value);
      if (entries.length === 0) this.emptyCollection('{', '}');
      else this.blockMapping(entries);
    } else {
      this.scalar(value, context === 'key');
    }
  }

  private blockSequence(items: JsonValue[], context: Context): void {
    const indentless = context === 'mapping' && !this.indention;
    this.increaseIndent(false, indentless);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.node(item, 'sequence');
    }
    this.indent = this.indents.pop();
  }

  private blockMapping(entries: [string, JsonValue][]): void {
    this.increaseIndent(false, false);
    for (const [key, item] of entries) {
      this.writeIndent();
      this.node(key, 'key');
      this.writeIndicator(':', false);
      this.node(item, 'mapping');
    }
    this.indent = this.indents.pop();
  }

  private emptyCollection(open: string, close: string): void {
    this.writeIndicator(open, true, true);
    this.writeIndicator(close, false);
  }

  private scalar(value: string | number | boolean | null, simpleKey: boolean): void {
    this.increaseIndent(true, false);
    if (typeof value !== 'string') {
      // Numbers, booleans and null are plain and never contain spaces.
      this.writePlain(value === null ? 'null' : String(value), false);
    } else {
      const split = !simpleKey;
      const style = chooseScalarStyle(value, simpleKey);
      if (style === 'plain') this.writePlain(value, split);
      else if (style === 'single') this.writeSingleQuoted(value, split);
      else this.writeDoubleQuoted(value, split);
    }
    this.indent = this.indents.pop();
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent === undefined) this.indent = flow ? this.bestIndent : 0;
    else if (!indentless) this.indent += this.bestIndent;
  }

  writeIndent(): void {
    const indent = this.indent ?? 0;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) {
      this.writeLineBreak();
    }
    if (this.column < indent) {
      this.whitespace = true;
      this.write(' '.repeat(indent - this.column));
    }
  }

  private writeLineBreak(data = '\n'): void {
    this.whitespace = true;
    this.indention = true;
    this.output.push(data);
    this.column = 0;
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, whitespace = false, indention = false): void {
    const data = this.whitespace || !needWhitespace ? indicator : ` ${indicator}`;
    this.whitespace = whitespace;
    this.indention = this.indention && indention;
    this.write(data);
  }

  private write(data: string): void {
    this.column += codePointLength(data);
    this.output.push(data);
  }

  private writePlain(text: string, split: boolean): void {
    if (!text) return;
    if (!this.whitespace) this.write(' ');
    this.whitespace = false;
    this.indention = false;
    const chars = Array.from(text);
    let spaces = false;
    let start = 0;
    for (let end = 0; end <= chars.length; end++) {
      const ch = chars[end];
      if (spaces) {
        if (ch !== ' ') {
          if (start + 1 === end && this.column > this.bestWidth && split) {
            this.writeIndent();
            this.whitespace = false;
            this.indention = false;
          } else {
            this.write(chars.slice(start, end).join(''));
          }
          start = end;
        }
      } else if (ch === undefined || ch === ' ') {
        this.write(chars.slice(start, end).join(''));
        start = end;
      }
      if (ch !== undefined) spaces = ch === ' ';
    }
  }

  private writeSingleQuoted(text: string, split: boolean): void {
    this.writeIndicator("'", true);
    const chars = Array.from(text);
    let spaces = false;
    let breaks = false;
    let start = 0;
    for (let end = 0; end <= chars.length; end++) {
      const ch = chars[end];
      if (spaces) {
        if (ch === undefined || ch !== ' ') {
          if (start + 1 === end && this.column > this.bestWidth && split && start !== 0 && end !== chars.length) {
            this.writeIndent();
          } else {
            this.write(chars.slice(start, end).join(''));
          }
          start = end;
        }
      } else if (breaks) {
        if (ch === undefined || !LINE_BREAKS.includes(ch)) {
          if (chars[start] === '\n') this.writeLineBreak();
          for (const br of chars.slice(start, end)) this.writeLineBreak(br);
          this.writeIndent();
          start = end;
        }
      } else if (ch === undefined || ch === ' ' || LINE_BREAKS.includes(ch) || ch === "'") {
        if (start < end) {
          this.write(chars.slice(start, end).join(''));
          start = end;
        }
      }
      if (ch === "'") {
        this.write("''");
        start = end + 1;
      }
      if (ch !== undefined) {
        spaces = ch === ' ';
        breaks = LINE_BREAKS.includes(ch);
      }
    }
    this.writeIndicator("'", false);
  }

  private writeDoubleQuoted(text: string, split: boolean): void {
    this.writeIndicator('"', true);
    const chars = Array.from(text);
    let start = 0;
    for (let end = 0; end <= chars.length; end++) {
      const ch = chars[end];
      if (ch === undefined || '"\\\x85\u2028\u2029\uFEFF'.includes(ch) || !(ch >= ' ' && ch <= '~')) {
        if (start < end) {
          this.write(chars.slice(start, end).join(''));
          start = end;
        }
        if (ch !== undefined) {
          this.write(yamlEscape(ch));
          start = end + 1;
        }
      }
      if (
        end > 0 &&
        end < chars.length - 1 &&
        (ch === ' ' || start >= end) &&
        this.column + (end - start) > this.bestWidth &&
        split
      ) {
        const data = `${chars.slice(start, end).join('')}\\`;
        if (start < end) start = end;
        this.write(data);
        this.writeIndent();
        this.whitespace = false;
        this.indention = false;
        if (chars[start] === ' ') this.write('\\');
      }
    }
    this.writeIndicator('"', false);
  }
}

const LINE_BREAKS = '\n\x85\u2028\u2029';

const ESCAPES: Record<string, string> = {
  '\0': '0',
  '\x07': 'a',
  '\x08': 'b',
  '\x09': 't',
  '\x0A': 'n',
  '\x0B': 'v',
  '\x0C': 'f',
  '\x0D': 'r',
  '\x1B': 'e',
  '"': '"',
  '\\': '\\',
  '\x85': 'N',
  '\xA0': '_',
  '\u2028': 'L',
  '\u2029': 'P',
};

function yamlEscape(ch: string): string {
  const named = ESCAPES[ch];
  if (named) return `\\${named}`;
  const code = ch.codePointAt(0) ?? 0;
  const hex = code.toString(16).toUpperCase();
  if (code <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\U${hex.padStart(8, '0')}`;
}

function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

/**
 * PyYAML's implicit resolvers (YAML 1.1): a plain scalar matching one of these would load as
 * a bool, int, float, null, timestamp, merge key or value key, so such strings are quoted.
 */
const IMPLICIT_RESOLVERS: readonly RegExp[] = [
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^(?:<<)$/,
  /^(?:~|null|Null|NULL|)$/,
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
  /^(?:=)$/,
];

/** Python's `$` also matches before a final newline. */
function resolvesImplicitly(text: string): boolean {
  const candidate = text.endsWith('\n') ? text.slice(0, -1) : text;
  return IMPLICIT_RESOLVERS.some((pattern) => pattern.test(text) || pattern.test(candidate));
}

interface ScalarAnalysis {
  empty: boolean;
  multiline: boolean;
  allowBlockPlain: boolean;
  allowSingleQuoted: boolean;
}

function chooseScalarStyle(text: string, simpleKey: boolean): 'plain' | 'single' | 'double' {
  const analysis = analyzeScalar(text);
  if (!resolvesImplicitly(text)) {
    if (!(simpleKey && (analysis.empty || analysis.multiline)) && analysis.allowBlockPlain) return 'plain';
  }
  if (analysis.allowSingleQuoted && !(simpleKey && analysis.multiline)) return 'single';
  return 'double';
}

const SPACE_OR_BREAK = '\0 \t\r\n\x85\u2028\u2029';

/** PyYAML's Emitter.analyze_scalar, reduced to the block-context answers. */
function analyzeScalar(text: string): ScalarAnalysis {
  if (!text) return { empty: true, multiline: false, allowBlockPlain: true, allowSingleQuoted: true };
  const chars = Array.from(text);
  let blockIndicators = text.startsWith('---') || text.startsWith('...');
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let followedByWhitespace = chars.length === 1 || SPACE_OR_BREAK.includes(chars[1]!);
  let previousSpace = false;
  let previousBreak = false;
  chars.forEach((ch, index) => {
    if (index === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      if ('?:'.includes(ch) && followedByWhitespace) blockIndicators = true;
      if (ch === '-' && followedByWhitespace) blockIndicators = true;
    } else {
      if (ch === ':' && followedByWhitespace) blockIndicators = true;
      if (ch === '#' && precededByWhitespace) blockIndicators = true;
    }
    if (LINE_BREAKS.includes(ch)) lineBreaks = true;
    if (!(ch === '\n' || (ch >= ' ' && ch <= '~'))) specialCharacters = true;
    const last = index === chars.length - 1;
    if (ch === ' ') {
      if (index === 0) leadingSpace = true;
      if (last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (LINE_BREAKS.includes(ch)) {
      if (index === 0) leadingBreak = true;
      if (last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = SPACE_OR_BREAK.includes(ch);
    const next = chars[index + 2];
    followedByWhitespace = next === undefined || SPACE_OR_BREAK.includes(next);
  });
  let allowBlockPlain = true;
  let allowSingleQuoted = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) allowBlockPlain = false;
  if (breakSpace) allowBlockPlain = allowSingleQuoted = false;
  // Without allow_unicode, any character outside printable ASCII forces double quotes.
  if (spaceBreak || specialCharacters) allowBlockPlain = allowSingleQuoted = false;
  if (lineBreaks || blockIndicators) allowBlockPlain = false;
  return { empty: false, multiline: lineBreaks, allowBlockPlain, allowSingleQuoted };
}
