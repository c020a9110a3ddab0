import { UsageError } from '../util/errors.js';

export type QueryFormat = 'json' | 'yaml' | 'csv';

/** JSON like policy_sentry's `json.dumps(x, indent=4)`, always one valid document. */
function renderJson(value: unknown): string {
  return `${JSON.stringify(value, null, 4)}\n`;
}

/** YAML in block style; the `yaml` package is loaded only when asked for. */
async function renderYaml(value: unknown): Promise<string> {
  // A CommonJS package: its default export is module.exports, bundled or not.
  const { stringify } = (await import('yaml')).default;
  // No anchors for repeated lists (policy_sentry's dependent_actions), no folding of long lines.
  return stringify(value, { aliasDuplicateObjects: false, lineWidth: 0 });
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A header line from the first row's keys, then one line per row; fields quoted only when they must be. */
function renderCsv(value: unknown): string {
  if (!Array.isArray(value) || value.some((row) => typeof row !== 'object' || row === null)) {
    throw new UsageError('--fmt csv is only available for tables of rows (query service-table)');
  }
  const rows = value as Record<string, unknown>[];
  const columns = Object.keys(rows[0] ?? {});
  const lines = [columns, ...rows.map((row) => columns.map((c) => String(row[c] ?? '')))];
  return lines.map((fields) => `${fields.map(csvField).join(',')}\n`).join('');
}

/** A query's value as text in the requested format, ending with a newline. */
export async function renderQueryValue(value: unknown, format: QueryFormat): Promise<string> {
  if (format === 'yaml') return renderYaml(value);
  if (format === 'csv') return renderCsv(value);
  return renderJson(value);
}
