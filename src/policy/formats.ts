/**
 * The names of write-policy's output formats, apart from their renderers so that declaring the
 * `--fmt` option loads no rendering code.
 */

/** The formats policy_sentry prints, which iamwright prints byte for byte (render.ts). */
export type PolicySentryFormat = 'json' | 'yaml' | 'terraform';

export const POLICY_SENTRY_FORMATS: readonly PolicySentryFormat[] = ['json', 'yaml', 'terraform'];

/** Infrastructure-as-code formats (render-iac.ts). */
export type IacFormat = 'terraform-hcl' | 'cloudformation-yaml' | 'cdk-ts';

export const IAC_FORMATS: readonly IacFormat[] = ['terraform-hcl', 'cloudformation-yaml', 'cdk-ts'];

export type OutputFormat = PolicySentryFormat | IacFormat;

export const OUTPUT_FORMATS: readonly OutputFormat[] = [...POLICY_SENTRY_FORMATS, ...IAC_FORMATS];

export function isIacFormat(format: string): format is IacFormat {
  return (IAC_FORMATS as readonly string[]).includes(format);
}
