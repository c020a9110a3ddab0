import type { Dataset, ResourceType } from '../data/model.js';
import { LookupError } from '../util/errors.js';
import type { QueryResult } from './result.js';
import { resolveService } from './service-lookup.js';

export interface ArnTableOptions {
  service: string;
  /** A resource type name (case-insensitive). Takes precedence over `listArnTypes`. */
  name?: string | undefined;
  /** List `{resourceType: rawArn}` instead of the raw ARNs. */
  listArnTypes?: boolean | undefined;
}

export interface ArnTypeDetails {
  resource_type_name: string;
  raw_arn: string;
  condition_keys: string[];
}

export type ArnTableValue = string[] | Record<string, string> | ArnTypeDetails;

/** A resource type's ARN format (the first, when a source lists several). */
function rawArn(resource: ResourceType): string {
  return resource.arnFormats[0] ?? '*';
}

/**
 * `query arn-table`: the service's raw ARN formats in dataset order; with `listArnTypes`,
 * `{resourceType: rawArn}`; with `name`, that resource type's details (unknown: LookupError).
 */
export function queryArnTable(dataset: Dataset, options: ArnTableOptions): QueryResult<ArnTableValue> {
  const service = resolveService(dataset, options.service);
  if (options.name === undefined && !options.listArnTypes) {
    return { heading: undefined, value: service.resourceTypes.map(rawArn) };
  }
  if (options.name === undefined) {
    return { heading: undefined, value: Object.fromEntries(service.resourceTypes.map((r) => [r.name, rawArn(r)])) };
  }
  const wanted = options.name.toLowerCase();
  const resource = service.resourceTypes.find((r) => r.name.toLowerCase() === wanted);
  if (!resource) {
    throw new LookupError(
      `unknown resource type "${options.name}" for service ${service.prefix} (list them with: iamwright query arn-table -s ${service.prefix} -l)`,
    );
  }
  return {
    heading: undefined,
    value: { resource_type_name: resource.name, raw_arn: rawArn(resource), condition_keys: resource.conditionKeys },
  };
}
