import type { Dataset, Service } from '../data/model.js';
import { LookupError } from '../util/errors.js';

/** Service Catalog's portfolio and product ARNs say `catalog`, so policy_sentry accepts it as a prefix. */
const ALIASES: Readonly<Record<string, string>> = { catalog: 'servicecatalog' };

/**
 * The service with this exact (case-sensitive) prefix, or its alias. Unknown prefixes are a
 * LookupError, with a hint when only the case is wrong. `described` reads the descriptions too.
 */
export function resolveService(dataset: Dataset, prefix: string, { described = false } = {}): Service {
  const lookup = (p: string) => (described ? dataset.describedService(p) : dataset.getService(p));
  const service = lookup(prefix) ?? (Object.hasOwn(ALIASES, prefix) ? lookup(ALIASES[prefix]!) : undefined);
  if (service) return service;
  const lower = prefix.toLowerCase();
  const near = dataset.listServices().find((s) => s.prefix.toLowerCase() === lower);
  const hint = near ? `; did you mean "${near.prefix}"?` : ' (list them with: iamwright query service-table)';
  throw new LookupError(`unknown service "${prefix}"${hint}`);
}
