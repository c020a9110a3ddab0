/** `expand` output: the expanded policy, or with `annotate` the policy and its actions' access levels. */
import type { ExpandedPolicy } from './expand-policy.js';

export type ExpandFormat = 'json' | 'yaml';

export const EXPAND_FORMATS: readonly ExpandFormat[] = ['json', 'yaml'];

export interface ExpandRenderOptions {
  format: ExpandFormat;
  /** Output `{Policy, AccessLevels}` instead of the bare policy. */
  annotate: boolean;
}

/** The value `expand` prints: a policy AWS accepts as is, unless annotated. */
export function expandedValue(result: ExpandedPolicy, annotate: boolean): unknown {
  return annotate ? { Policy: result.policy, AccessLevels: result.accessLevels } : result.policy;
}

export async function renderExpanded(result: ExpandedPolicy, options: ExpandRenderOptions): Promise<string> {
  const value = expandedValue(result, options.annotate);
  if (options.format === 'yaml') {
    // A CommonJS package: its default export is module.exports, bundled or not. Loaded only for YAML.
    const { stringify } = (await import('yaml')).default;
    // YAML 1.1 quoting, so that "2012-10-17" and "yes" stay strings for 1.1 readers (PyYAML) too.
    return stringify(value, { aliasDuplicateObjects: false, lineWidth: 0, version: '1.1' });
  }
  return `${JSON.stringify(value, null, 4)}\n`;
}
