/**
 * `iamwright collect services`: what the collector can collect, straight from the source registry, so
 * the list can never drift from the code.
 */
import type { Source } from '../sources/types.js';

/** One source of the registry, as `collect services` prints it. */
export interface ServiceRow {
  service: string;
  /** The source's name, `<service>/<sync>`: the resource type it collects. */
  source: string;
  scope: 'global' | 'regional';
  description: string;
  /** The IAM actions it calls, sorted. */
  apiCalls: string[];
}

/** The registry's rows, sorted by service then source (registry order is scheduling order, not meaning). */
export function serviceRows(sources: readonly Source[]): ServiceRow[] {
  return sources
    .map((source) => ({
      service: source.service,
      source: source.name,
      scope: source.scope,
      description: source.description,
      apiCalls: [...source.apiCalls].sort(),
    }))
    .sort((a, b) => compare(a.service, b.service) || compare(a.source, b.source));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `--json`: the rows as a JSON array. */
export function renderServicesJson(rows: readonly ServiceRow[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}

const HEADINGS = ['SERVICE', 'SOURCE', 'SCOPE', 'API CALLS'] as const;

/**
 * A table: one line per source, its API calls listed one per line below the first (so that the
 * table stays narrow enough for a terminal whatever the number of calls).
 */
export function renderServicesTable(rows: readonly ServiceRow[]): string {
  const widths = [0, 1, 2].map((column) =>
    Math.max(HEADINGS[column]!.length, ...rows.map((row) => [row.service, row.source, row.scope][column]!.length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell))
      .join('  ')
      .trimEnd();
  const lines = [line(HEADINGS)];
  for (const row of rows) {
    const [first = '', ...rest] = row.apiCalls;
    lines.push(line([row.service, row.source, row.scope, first]));
    for (const call of rest) lines.push(line(['', '', '', call]));
  }
  return `${lines.join('\n')}\n`;
}
