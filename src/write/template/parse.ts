import type { Alias, Document, LineCounter, Node } from 'yaml';
import { TemplateError } from '../../util/errors.js';
import { eventLocator } from './locate-events.js';
import { readYaml11Mapping } from './read-yaml11.js';
import { checkTemplateSchema } from './schema.js';
import type { Template } from './types.js';
import { yamlPackage } from './yaml-package.js';

export type TemplatePath = (string | number)[];

export interface ParsedTemplate {
  template: Template;
  /** The 1-based line of a place in the template (the deepest part of `path` that exists). */
  locate(path: TemplatePath): number | undefined;
}

/**
 * Parses a template's YAML text and checks its shape. Every problem is a one-line TemplateError
 * starting with `<source>:<line>: `; `source` is the file name or `<stdin>`.
 *
 * js-yaml reads a mapping when it can vouch for giving what the `yaml` package gives
 * (readYaml11Mapping), and its events give the lines; the `yaml` package reads every other text,
 * so its messages stay the reference, and finds the few lines the events cannot tell.
 */
export function parseTemplate(text: string, source: string): ParsedTemplate {
  const read = readYaml11Mapping(text);
  if (read === undefined) return parseTemplateWithYaml(text, source);
  let fromEvents: ParsedTemplate['locate'] | undefined;
  let fromYaml: ParsedTemplate['locate'] | undefined;
  const locate = (path: TemplatePath) => {
    fromEvents ??= eventLocator(text, read.events);
    const line = fromEvents(path);
    if (line !== undefined) return line;
    fromYaml ??= yamlLocator(text);
    return fromYaml(path);
  };
  try {
    checkTemplateSchema(read.mapping);
  } catch (error) {
    throw locateTemplateError(error, source, locate);
  }
  return { template: read.mapping as Template, locate };
}

/** `locate` by the `yaml` package, for a text it reads without errors (exported for tests). */
export function yamlLocator(text: string): ParsedTemplate['locate'] {
  const { LineCounter, parseDocument } = yamlPackage();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, version: '1.1' });
  return (path) => locateIn(doc, lineCounter, path);
}

/**
 * The template read by the `yaml` package, with its errors: the reference that parseTemplate's
 * fast read is tested against (test/write/template-yaml-differential.test.ts).
 */
export function parseTemplateWithYaml(text: string, source: string): ParsedTemplate {
  const { isMap, isSeq, LineCounter, parseDocument } = yamlPackage();
  const lineCounter = new LineCounter();
  // YAML 1.1, as PyYAML reads policy_sentry templates (`yes` is a boolean, not a string).
  const doc = parseDocument(text, { lineCounter, version: '1.1' });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    const line = problem.linePos?.[0].line ?? 1;
    throw new TemplateError(`${source}:${line}: malformed YAML: ${yamlMessage(problem.message)}`);
  }
  const locate = (path: TemplatePath) => locateIn(doc, lineCounter, path);
  const contents = doc.contents;
  if (contents === null) {
    throw new TemplateError(
      `${source}:1: the template is empty (expected a mapping with "mode: crud" or "mode: actions")`,
    );
  }
  if (!isMap(contents)) {
    const got = isSeq(contents) ? 'a list' : 'a single value';
    throw new TemplateError(
      `${source}:${locate([])}: expected a mapping of template keys at the top level, got ${got}`,
    );
  }
  let value: unknown;
  try {
    value = doc.toJS();
  } catch (error) {
    // An alias without its anchor (looked for only now: the walk costs every template), or an
    // alias bomb: the yaml package refuses to expand too many aliases.
    const missingAnchor = firstUnresolvedAlias(doc);
    if (missingAnchor) {
      const line = missingAnchor.range ? lineCounter.linePos(missingAnchor.range[0]).line : 1;
      throw new TemplateError(
        `${source}:${line}: malformed YAML: alias *${missingAnchor.source} refers to no anchor before it`,
      );
    }
    throw new TemplateError(`${source}:${locate([])}: malformed YAML: ${yamlMessage((error as Error).message)}`);
  }
  try {
    checkTemplateSchema(value);
  } catch (error) {
    throw locateTemplateError(error, source, locate);
  }
  return { template: value as Template, locate };
}

/**
 * Prefixes a TemplateError that carries a path with `<source>:<line>: `; other errors pass through.
 * The CLI uses it on errors from validateTemplate and the policy writer.
 */
export function locateTemplateError(error: unknown, source: string, locate: ParsedTemplate['locate']): unknown {
  if (!(error instanceof TemplateError) || error.path === undefined) return error;
  return new TemplateError(`${source}:${locate(error.path) ?? 1}: ${error.message}`);
}

/** The yaml package's message without its position suffix and code excerpt. */
function yamlMessage(message: string): string {
  return (message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
}

function locateIn(doc: Document, lineCounter: LineCounter, path: TemplatePath): number | undefined {
  const { isMap, isScalar, isSeq } = yamlPackage();
  const lineOf = (node: Node | null | undefined): number | undefined =>
    node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
  let node = resolve(doc, doc.contents);
  let line = lineOf(node);
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(step));
      if (!pair) break;
      // The key's line: a value may be missing (`read:`) or span many lines.
      line = lineOf(pair.key as Node) ?? line;
      node = resolve(doc, pair.value as Node | null);
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step] as Node | undefined;
      if (!item) break;
      line = lineOf(item) ?? line;
      node = resolve(doc, item);
    } else {
      break;
    }
  }
  return line;
}

function firstUnresolvedAlias(doc: Document): Alias | undefined {
  const { visit } = yamlPackage();
  let found: Alias | undefined;
  visit(doc, {
    Alias(_, alias) {
      if (alias.resolve(doc) !== undefined) return undefined;
      found = alias;
      return visit.BREAK;
    },
  });
  return found;
}

function resolve(doc: Document, node: Node | null): Node | null {
  return yamlPackage().isAlias(node) ? ((node.resolve(doc) as Node | undefined) ?? null) : node;
}
