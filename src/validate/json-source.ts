/**
 * A policy's JSON text parsed with positions, so that findings can name the line of the element they
 * are about. Strict JSON: no comments, no trailing commas. The value comes from the native JSON.parse;
 * one pass over the (then known valid) text indexes where each element starts and finds duplicate
 * keys. jsonc-parser, slower, only locates syntax errors.
 */
import { type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser/lib/esm/main.js';

/** A path into the document: property names and array indexes. */
export type JsonPath = readonly (string | number)[];

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units like most editors. */
  column: number;
}

export interface JsonProblem {
  message: string;
  path: JsonPath;
  position: Position;
}

export interface JsonSource {
  /** The parsed value; undefined when the text is not JSON. */
  value: unknown;
  /** Syntax errors (the value is then undefined). */
  syntaxErrors: JsonProblem[];
  /** Keys that appear twice in one object (the later value wins, as in JSON.parse). */
  duplicateKeys(): JsonProblem[];
  /** Where the element at `path` starts; its nearest existing ancestor when it is missing. */
  locate(path: JsonPath): Position;
}

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'invalid symbol',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'property name expected',
  ValueExpected: 'value expected',
  ColonExpected: 'colon expected',
  CommaExpected: 'comma expected',
  CloseBraceExpected: 'closing brace expected',
  CloseBracketExpected: 'closing bracket expected',
  EndOfFileExpected: 'end of file expected',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unexpected end of comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unexpected end of number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in string',
};

export function parseJsonSource(text: string): JsonSource {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let lineStarts: number[] | undefined;
  const position = (offset: number): Position => {
    if (!lineStarts) {
      lineStarts = [0];
      for (let at = body.indexOf('\n'); at >= 0; at = body.indexOf('\n', at + 1)) lineStarts.push(at + 1);
    }
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };

  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    const errors: ParseError[] = [];
    parseTree(body, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    const code = first ? printParseErrorCode(first.error) : 'ValueExpected';
    const message = `not valid JSON: ${SYNTAX_MESSAGES[code] ?? code}`;
    return {
      value: undefined,
      syntaxErrors: [{ message, path: [], position: position(first?.offset ?? 0) }],
      duplicateKeys: () => [],
      locate: () => position(first?.offset ?? 0),
    };
  }
  // Scanned on first use: `expand` needs positions only for its warnings.
  let index: OffsetIndex | undefined;
  const scanned = () => {
    index ??= new OffsetIndex(body);
    return index;
  };
  const locate = (path: JsonPath): Position => position(scanned().offsetOf(path));
  const duplicateKeys = () =>
    scanned().duplicates.map(({ path, offset }) => ({
      message: `duplicate key "${path.at(-1)}": only its last value counts`,
      path,
      position: position(offset),
    }));
  return { value, syntaxErrors: [], duplicateKeys, locate };
}

const WHITESPACE = /[ \t\r\n]*/y;

/** A container of the index: where it starts, and its elements (offsets, or containers). */
interface Container {
  offset: number;
  /** Objects: the keys, in order (a duplicate key keeps its first element). */
  keys: string[] | undefined;
  elements: (number | Container)[];
}

/**
 * Where every element of a valid JSON text starts, as a tree of containers, and the duplicate keys.
 * A scanner, not a parser: the text is known to be valid.
 */
class OffsetIndex {
  readonly duplicates: { path: (string | number)[]; offset: number }[] = [];
  private readonly root: number | Container;
  private pos = 0;
  /** The path of the element being scanned. */
  private readonly path: (string | number)[] = [];

  constructor(private readonly text: string) {
    this.root = this.value();
  }

  /** Where the element at `path` starts, or its nearest existing ancestor. */
  offsetOf(path: JsonPath): number {
    let node = this.root;
    for (const segment of path) {
      if (typeof node === 'number') break;
      const at = node.keys ? node.keys.indexOf(String(segment)) : typeof segment === 'number' ? segment : -1;
      const child = at < 0 ? undefined : node.elements[at];
      if (child === undefined) break;
      node = child;
    }
    return typeof node === 'number' ? node : node.offset;
  }

  private skipSpace(): void {
    const c = this.text.charCodeAt(this.pos);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return;
    // Indentation comes in runs: one native regex step, not a loop over each character.
    WHITESPACE.lastIndex = this.pos;
    WHITESPACE.test(this.text);
    this.pos = WHITESPACE.lastIndex;
  }

  /** Scans the value at the current position: its offset, or its container. */
  private value(): number | Container {
    this.skipSpace();
    const offset = this.pos;
    const c = this.text.charCodeAt(this.pos);
    if (c === 123) return this.object(offset);
    if (c === 91) return this.array(offset);
    if (c === 34) this.pos = this.stringEnd() + 1;
    else this.primitive();
    return offset;
  }

  /** A number, true, false or null: up to the next delimiter. */
  private primitive(): void {
    const { text } = this;
    let c = text.charCodeAt(this.pos);
    while (this.pos < text.length && c !== 44 && c !== 93 && c !== 125 && c !== 32 && c !== 10 && c !== 13 && c !== 9) {
      c = text.charCodeAt(++this.pos);
    }
  }

  private object(offset: number): Container {
    const container: Container = { offset, keys: [], elements: [] };
    const keys = container.keys!;
    // Policies' objects are small: a list is faster than a set, until an object is not.
    let keySet: Set<string> | undefined;
    this.pos++;
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 125) {
      this.pos++;
      return container;
    }
    for (;;) {
      this.skipSpace();
      const keyAt = this.pos;
      const key = this.string();
      if (!keySet && keys.length > 32) keySet = new Set(keys);
      const duplicate = keySet ? keySet.has(key) : keys.includes(key);
      if (duplicate) this.duplicates.push({ path: [...this.path, key], offset: keyAt });
      this.skipSpace();
      this.pos++; // ':'
      this.path.push(key);
      const element = this.value();
      this.path.pop();
      if (!duplicate) {
        keys.push(key);
        keySet?.add(key);
        container.elements.push(element);
      }
      this.skipSpace();
      // ',' continues, '}' ends.
      if (this.text.charCodeAt(this.pos++) === 125) return container;
    }
  }

  private array(offset: number): Container {
    const container: Container = { offset, keys: undefined, elements: [] };
    this.pos++;
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 93) {
      this.pos++;
      return container;
    }
    for (let i = 0; ; i++) {
      this.path.push(i);
      container.elements.push(this.value());
      this.path.pop();
      this.skipSpace();
      // ',' continues, ']' ends.
      if (this.text.charCodeAt(this.pos++) === 93) return container;
    }
  }

  /** The index of the closing quote of the string token at the current position. */
  private stringEnd(): number {
    const { text } = this;
    let end = text.indexOf('"', this.pos + 1);
    // A quote preceded by an odd number of backslashes is escaped.
    while (text.charCodeAt(end - 1) === 92) {
      let backslashes = 1;
      while (text.charCodeAt(end - 1 - backslashes) === 92) backslashes++;
      if (backslashes % 2 === 0) break;
      end = text.indexOf('"', end + 1);
    }
    return end;
  }

  /** Reads a string token and returns its value. */
  private string(): string {
    const start = this.pos;
    const end = this.stringEnd();
    this.pos = end + 1;
    const raw = this.text.slice(start + 1, end);
    return raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
  }
}

function escapePointer(segment: string): string {
  if (!segment.includes('~') && !segment.includes('/')) return segment;
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** RFC 6901 JSON pointer of a path (`/Statement/0/Action`). */
export function jsonPointer(path: JsonPath): string {
  return path.map((segment) => `/${escapePointer(String(segment))}`).join('');
}
