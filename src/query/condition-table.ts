import type { Dataset } from '../data/model.js';
import { LookupError } from '../util/errors.js';
import type { QueryResult } from './result.js';
import { resolveService } from './service-lookup.js';

export interface ConditionTableOptions {
  service: string;
  /** A condition key as used in a policy, e.g. `s3:ExistingObjectTag/backup`. */
  name?: string | undefined;
}

export interface ConditionKeyDetails {
  name: string;
  description: string;
  /** The type as AWS writes it, lower-cased (`string`, `arrayofstring`, `arn`...). */
  condition_value_type: string;
}

export type ConditionTableValue = string[] | ConditionKeyDetails;

/** The text before a documented key's placeholder (`${TagKey}`, `<key>`, `tag-key`), lower-cased. */
function placeholderStem(documented: string): string | undefined {
  for (const marker of ['$', '<', 'tag-key']) {
    const at = documented.indexOf(marker);
    if (at >= 0) return documented.slice(0, at);
  }
  return undefined;
}

/**
 * Whether a documented key (`s3:ExistingObjectTag/<key>`) covers a key used in a policy
 * (`s3:ExistingObjectTag/backup`): case-insensitive, a placeholder matches any rest.
 */
export function conditionKeyMatches(documented: string, used: string): boolean {
  const doc = documented.toLowerCase();
  const key = used.toLowerCase();
  const stem = placeholderStem(doc);
  return (stem !== undefined && key.startsWith(stem)) || doc === key;
}

/**
 * `query condition-table`: the service's condition keys in dataset order; with `name`, the first
 * documented key that covers it (unknown: LookupError).
 */
export function queryConditionTable(
  dataset: Dataset,
  options: ConditionTableOptions,
): QueryResult<ConditionTableValue> {
  const { name } = options;
  const service = resolveService(dataset, options.service, { described: name !== undefined });
  if (name === undefined) return { heading: undefined, value: service.conditionKeys.map((k) => k.name) };
  const key = service.conditionKeys.find((k) => conditionKeyMatches(k.name, name));
  if (!key) {
    throw new LookupError(
      `unknown condition key "${name}" for service ${service.prefix} (list them with: iamwright query condition-table -s ${service.prefix})`,
    );
  }
  return {
    heading: undefined,
    value: { name: key.name, description: key.description ?? '', condition_value_type: key.type.toLowerCase() },
  };
}
