/** `validate` output: one line per finding, JSON, or SARIF 2.1.0 for code-scanning tools. */
import type { Finding, Severity } from './findings.js';
import { allRules } from './rules.js';

export type ValidateFormat = 'text' | 'json' | 'sarif';

export const VALIDATE_FORMATS: readonly ValidateFormat[] = ['text', 'json', 'sarif'];

export interface FileFindings {
  /** The policy file as the user named it. */
  file: string;
  findings: readonly Finding[];
}

export interface RenderOptions {
  /** Tool version for SARIF's tool.driver.version. */
  version: string;
  /** SARIF artifact URI of a file (relative, `/`-separated); the file name itself when omitted. */
  uriOf?: (file: string) => string;
}

/** `file:line: severity code: message`, one finding per line. */
export function renderText(results: readonly FileFindings[]): string {
  return results
    .flatMap(({ file, findings }) =>
      findings.map((f) => `${file}:${f.line ?? 1}: ${f.severity} ${f.code}: ${f.message}\n`),
    )
    .join('');
}

export function renderJson(results: readonly FileFindings[]): string {
  const findings = results.flatMap(({ file, findings }) => findings.map((f) => ({ file, ...f })));
  const summary: Record<Severity, number> = { error: 0, warning: 0, suggestion: 0 };
  for (const finding of findings) summary[finding.severity]++;
  return `${JSON.stringify({ findings, summary }, null, 2)}\n`;
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  suggestion: 'note',
};

/** A SARIF 2.1.0 log with one run; every rule is listed, so rule indexes are stable. */
export function renderSarif(results: readonly FileFindings[], options: RenderOptions): string {
  const rules = allRules();
  const index = new Map(rules.map((rule, i) => [rule.code, i]));
  const uriOf = options.uriOf ?? ((file: string) => file);
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'iamwright',
            version: options.version,
            rules: rules.map((rule) => ({
              id: rule.code,
              name: rule.code,
              shortDescription: { text: rule.title },
              fullDescription: { text: rule.help },
              help: { text: rule.help },
              defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
            })),
          },
        },
        results: results.flatMap(({ file, findings }) =>
          findings.map((f) => ({
            ruleId: f.code,
            ruleIndex: index.get(f.code),
            level: SARIF_LEVEL[f.severity],
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: uriOf(file) },
                  region: { startLine: f.line ?? 1, startColumn: f.column ?? 1 },
                },
                logicalLocations: [{ fullyQualifiedName: f.path || '/', kind: 'element' }],
              },
            ],
          })),
        ),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
