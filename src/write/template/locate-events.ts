import { EVENT_ID, type Event, getScalarValue, SCALAR_STYLE } from 'js-yaml';
import type { TemplatePath } from './parse.js';
import { resolvePlainScalar } from './yaml11-schema.js';

/** Where yaml's node would start; UNSURE where the events do not tell (empty and block scalars). */
const UNSURE = -1;

interface Located {
  offset: number;
  /** A mapping's pairs: each key as `String(yaml's key value)`, undefined for other keys. */
  pairs?: { key: string | undefined; offset: number; value: Located }[];
  /** A sequence's items: each item's own start (an alias's, not its anchor's) and its node. */
  items?: { offset: number; node: Located }[];
}

/**
 * Lines of a template read by js-yaml, from its events, exactly as parse.ts's `locateIn` finds
 * them in the `yaml` package's Document (keys matched as `String(key.value)`, the key's line for
 * a mapping step, the item's line for a sequence step, aliases followed to their anchor).
 * Returns undefined where it cannot be sure (a located node that is an empty or block scalar),
 * and the caller asks the `yaml` package.
 */
export function eventLocator(text: string, events: Event[]): (path: TemplatePath) => number | undefined {
  const root = buildTree(text, events);
  return (path) => {
    let node = root;
    let offset = node.offset;
    for (const step of path) {
      if (node.pairs) {
        const pair = node.pairs.find((p) => p.key === String(step));
        if (!pair) break;
        offset = pair.offset;
        node = pair.value;
      } else if (node.items && typeof step === 'number') {
        const item = node.items[step];
        if (!item) break;
        offset = item.offset;
        node = item.node;
      } else {
        break;
      }
    }
    return offset === UNSURE ? undefined : lineAt(text, offset);
  };
}

function buildTree(text: string, events: Event[]): Located {
  const anchors = new Map<string, Located>();
  // Open collections, each mapping with the key read and waiting for its value.
  const stack: { node: Located; key?: { key: string | undefined; offset: number } }[] = [];
  let root: Located = { offset: UNSURE };
  /** Places a node read at `own` (with its key text, if it is a scalar) in its parent. */
  const add = (node: Located, own: number, key?: () => string) => {
    const parent = stack[stack.length - 1];
    if (!parent) root = node;
    else if (parent.node.items) parent.node.items.push({ offset: own, node });
    else if (parent.key) {
      parent.node.pairs?.push({ ...parent.key, value: node });
      parent.key = undefined;
    } else parent.key = { key: key?.(), offset: own };
  };
  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.SCALAR: {
        const node = { offset: scalarOffset(event.style, event.valueStart) };
        if (event.anchorStart !== -1) anchors.set(text.slice(event.anchorStart, event.anchorEnd), node);
        add(node, node.offset, () => keyText(text, event));
        break;
      }
      case EVENT_ID.ALIAS:
        // `*name`: the alias's own start, its anchor's node.
        add(anchors.get(text.slice(event.anchorStart, event.anchorEnd)) ?? { offset: UNSURE }, event.anchorStart - 1);
        break;
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        const node: Located =
          event.type === EVENT_ID.MAPPING ? { offset: event.start, pairs: [] } : { offset: event.start, items: [] };
        if (event.anchorStart !== -1) anchors.set(text.slice(event.anchorStart, event.anchorEnd), node);
        add(node, event.start);
        stack.push({ node });
        break;
      }
      case EVENT_ID.POP:
        stack.pop();
        break;
    }
  }
  return root;
}

/** yaml's start of a scalar: a plain one's text, a quoted one's opening quote. */
function scalarOffset(style: number, valueStart: number): number {
  if (valueStart === -1) return UNSURE;
  if (style === SCALAR_STYLE.PLAIN) return valueStart;
  if (style === SCALAR_STYLE.SINGLE_QUOTED || style === SCALAR_STYLE.DOUBLE_QUOTED) return valueStart - 1;
  return UNSURE;
}

/** `String()` of the value yaml gives a scalar as a key (a plain `<<` is a Symbol there). */
function keyText(text: string, event: Extract<Event, { type: typeof EVENT_ID.SCALAR }>): string {
  const source = getScalarValue(text, event);
  if (event.style !== SCALAR_STYLE.PLAIN) return source;
  return source === '<<' ? String(Symbol('<<')) : String(resolvePlainScalar(source));
}

/** The 1-based line of an offset (lines end at `\n`, as yaml's LineCounter counts them). */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}
