import { COLLECTION_STYLE, constructFromEvents, EVENT_ID, type Event, parseEvents, SCALAR_STYLE } from 'js-yaml';
import { YAML11_TEMPLATE_SCHEMA } from './yaml11-schema.js';

/**
 * The mapping at the top of a one-document YAML text as the `yaml` package reads it
 * (`parseDocument(text, { version: '1.1' })` without errors or warnings, then `toJS()`), read by
 * js-yaml, which is several times faster; with js-yaml's events, for line numbers. `undefined`
 * when js-yaml fails, when the top is not a mapping, or when the text uses something where the
 * two packages may part ways (see `defersToYaml`): the caller then reads the text with the `yaml`
 * package, which also gives its exact error messages.
 */
export function readYaml11Mapping(text: string): { mapping: Record<string, unknown>; events: Event[] } | undefined {
  try {
    const events = parseEvents(text, {});
    if (events[1]?.type !== EVENT_ID.MAPPING || defersToYaml(text, events)) return undefined;
    const documents = constructFromEvents(events, { source: text, schema: YAML11_TEMPLATE_SCHEMA });
    return documents.length === 1 ? { mapping: documents[0] as Record<string, unknown>, events } : undefined;
  } catch {
    return undefined;
  }
}

/** The most aliases yaml's toJS resolves without suspecting an alias bomb (its maxAliasCount). */
const MAX_ALIASES = 100;
/** yaml refuses implicit keys of 1024 characters or more; a line that long is left to it. */
function hasLongLine(text: string): boolean {
  let start = 0;
  for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
    if (end - start >= 1024) return true;
    start = end + 1;
  }
  return text.length - start >= 1024;
}

/** `---` at the start of a line, after blank and comment lines only (js-yaml also takes ` ---`). */
const DOCUMENT_START = /^\uFEFF?(?:[ \t]*(?:#[^\n]*)?\r?\n)*---(?:[ \t\r\n]|$)/;

/** `...` at the start of a line. */
const DOCUMENT_END = /(?:^|\n)\.\.\.(?=[ \t\r\n]|$)/;
/** Blank and comment lines to the end. */
const NOTHING_MORE = /^(?:[ \t]*(?:#[^\n]*)?(?:\n|$))*$/;

/** Whether the first `...` line is followed by blank and comment lines only (yaml sees another `...` as a document). */
function endsAfterOneEndMarker(text: string): boolean {
  const marker = DOCUMENT_END.exec(text);
  if (!marker) return false;
  const lineEnd = text.indexOf('\n', marker.index + marker[0].length);
  return lineEnd === -1 || NOTHING_MORE.test(text.slice(lineEnd + 1));
}

/** A carriage return without a line feed: a line break to js-yaml, not to yaml. */
const LONE_CR = /\r(?!\n)/;
/** A tab in a line's indentation, or after a sequence's `-` (yaml counts it as indentation). */
const TAB_IN_INDENT = /(?:^|\n)[ -]*\t/;

interface Frame {
  mapping: boolean;
  /** Where a flow collection starts (its `[` or `{`); -1 for block collections and the document. */
  flowStart: number;
  /** This collection or one around it has an anchor. */
  anchored: boolean;
  children: number;
}

/**
 * Whether the text uses something the fast read does not reproduce, each rare in templates:
 * - directives (`%YAML`, `%TAG`), a `---` not at the start of its line, anything but comments
 *   after `...`, and explicit tags (`!!str`, `!!set`, `!custom`): yaml resolves
 *   and warns about them its own way;
 * - anchors or aliases ending in `:` (yaml warns), an anchor not followed by white space (yaml
 *   refuses it), an anchored `<<` key, an alias used as a key, more than
 *   MAX_ALIASES aliases, or an alias inside an anchored collection: yaml's alias-bomb count
 *   grows with nesting and with merges of such collections, so only flat uses are read here;
 * - a flow collection (`[...]`, `{...}`) over several lines: yaml warns when its closing bracket
 *   is not indented past the parent block;
 * - a block collection starting on its key's line, an empty key, a plain value on a line of its
 *   own after a comment, more text after a closing quote: js-yaml accepts some of these that yaml
 *   refuses;
 * - a line of 1024 characters or more (yaml's key length limit), a carriage return alone, a tab
 *   in an indentation or after a `-` (yaml refuses some that js-yaml takes: in block scalars,
 *   after `?`, before an anchor).
 */
function defersToYaml(text: string, events: Event[]): boolean {
  if (text.length >= 1024 && hasLongLine(text)) return true;
  if (text.includes('\r') && LONE_CR.test(text)) return true;
  if (text.includes('\t') && TAB_IN_INDENT.test(text)) return true;
  const stack: Frame[] = [];
  let aliases = 0;
  // The end of the last thing read (node, anchor, tag or bracket): a flow collection's closing
  // bracket is looked for from there.
  let end = 0;
  for (const event of events) {
    if (event.type === EVENT_ID.POP) {
      const frame = stack.pop();
      if (frame && frame.flowStart !== -1) {
        const close = closingBracket(text, end);
        if (close === -1) return true;
        end = close + 1;
        const outermost = stack[stack.length - 1]?.flowStart === -1;
        if (outermost && /[\n\r]/.test(text.slice(frame.flowStart, close))) return true;
      }
      continue;
    }
    if (event.type === EVENT_ID.DOCUMENT) {
      if (event.directives.length > 0) return true;
      if (event.explicitStart && !DOCUMENT_START.test(text)) return true;
      if (event.explicitEnd && !endsAfterOneEndMarker(text)) return true;
      stack.push({ mapping: false, flowStart: -1, anchored: false, children: 0 });
      continue;
    }
    const parent = stack[stack.length - 1];
    if (!parent) return true;
    const isKey = parent.mapping && parent.children % 2 === 0;
    parent.children += 1;
    if (event.type === EVENT_ID.ALIAS) {
      if (text[event.anchorEnd - 1] === ':') return true;
      end = Math.max(end, event.anchorEnd);
      aliases += 1;
      if (aliases > MAX_ALIASES || isKey || parent.anchored) return true;
      continue;
    }
    if (event.tagStart !== -1) return true;
    if (event.anchorStart !== -1) {
      // yaml wants white space after an anchor (`&a{` is an error) and warns of one ending in `:`.
      if (text[event.anchorEnd - 1] === ':' || !/^[ \t\r\n]?$/.test(text.charAt(event.anchorEnd))) return true;
      end = Math.max(end, event.anchorEnd);
    }
    if (event.type === EVENT_ID.SCALAR) {
      if (isKey && event.valueStart === -1) return true;
      // yaml's value for an anchored merge key, aliased elsewhere, is a Symbol.
      if (isKey && event.anchorStart !== -1 && text.slice(event.valueStart, event.valueEnd) === '<<') return true;
      // yaml may take a plain value that starts a line after comment lines for a key (`a:`,
      // `# c`, `  value`, then `b: 1`).
      if (
        !isKey &&
        event.style === SCALAR_STYLE.PLAIN &&
        event.valueStart !== -1 &&
        startsLine(text, event.valueStart)
      ) {
        const comment = text.indexOf('#', end);
        if (comment !== -1 && comment < event.valueStart) return true;
      }
      if (event.valueStart !== -1) {
        const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED;
        if (quoted && !endsCleanly(text, event.valueEnd + 1)) return true;
        end = Math.max(end, event.valueEnd + (quoted ? 1 : 0));
      }
      continue;
    }
    const flow = event.style === COLLECTION_STYLE.FLOW;
    if (flow) end = Math.max(end, event.start + 1);
    // js-yaml takes `key: &anchor a: b` as a nested mapping; yaml, as YAML, wants a new line.
    else if (parent.mapping && !/[\n\r]/.test(text.slice(end, event.start))) return true;
    stack.push({
      mapping: event.type === EVENT_ID.MAPPING,
      flowStart: flow ? event.start : -1,
      anchored: parent.anchored || event.anchorStart !== -1,
      children: 0,
    });
  }
  return false;
}

/**
 * Whether a quoted scalar ending before `offset` is followed by the end of its line (or a
 * comment), a `:`, or a flow indicator: js-yaml reads on after a closing quote (`- '' x: 1`),
 * where yaml refuses.
 */
function endsCleanly(text: string, offset: number): boolean {
  let i = offset;
  while (text[i] === ' ' || text[i] === '\t') i += 1;
  const c = text[i];
  return (
    c === undefined ||
    c === '\n' ||
    c === '\r' ||
    c === ':' ||
    c === ',' ||
    c === ']' ||
    c === '}' ||
    (c === '#' && i > offset)
  );
}

/** Whether only spaces and tabs come before `offset` on its line. */
function startsLine(text: string, offset: number): boolean {
  let i = offset - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i -= 1;
  return i < 0 || text[i] === '\n' || text[i] === '\r';
}

/**
 * The index of the `]` or `}` closing a flow collection whose last item ends at `from`, when only
 * spaces, commas and `:` (of an empty value) come between on the same line; otherwise -1.
 */
function closingBracket(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === ']' || c === '}') return i;
    if (c !== ' ' && c !== '\t' && c !== ',' && c !== ':') return -1;
  }
  return -1;
}
