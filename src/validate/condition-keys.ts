/**
 * Condition keys: which key a policy's key is (global or a service's), its type, and whether an
 * action supports it according to the dataset. Keys compare case-insensitively; the dataset writes
 * variable parts as `${TagKey}` or `<key>` (`s3:ExistingObjectTag/<key>`), which match any text.
 */
import type { ActionCatalog, CatalogAction } from '../expand/action-catalog.js';
import type { Service } from '../data/model.js';
import { GLOBAL_CONDITION_KEYS, PER_ACTION_GLOBAL_KEYS } from '../policy/global-condition-keys.js';
import { keyMatches } from '../policy/condition-key-match.js';

export { keyMatches };

export type ResolvedKey =
  | { kind: 'known'; name: string; types: readonly string[]; global: boolean }
  /** The key's service is in the dataset, which does not define the key. */
  | { kind: 'unknown'; service: string }
  /** A global key not in our list, or a key of a service the dataset does not have. */
  | { kind: 'unverified'; reason: string };

const GLOBAL_ENTRIES = Object.entries(GLOBAL_CONDITION_KEYS);

export class ConditionKeyIndex {
  private readonly serviceWide = new Map<string, string[]>();
  private readonly actionKeys = new Map<string, string[]>();

  constructor(private readonly catalog: ActionCatalog) {}

  resolve(policyKey: string): ResolvedKey {
    const colon = policyKey.indexOf(':');
    const prefix = colon < 0 ? '' : policyKey.slice(0, colon);
    if (prefix.toLowerCase() === 'aws') {
      const global = GLOBAL_ENTRIES.find(([name]) => keyMatches(name, policyKey));
      if (global) return { kind: 'known', name: global[0], types: global[1], global: true };
      return { kind: 'unverified', reason: `${policyKey} is not a global condition key iamwright knows` };
    }
    const service = prefix ? this.catalog.serviceWithConditionKeys(prefix) : undefined;
    if (!service) {
      return { kind: 'unverified', reason: `the dataset has no service "${prefix}" to check ${policyKey} against` };
    }
    const key = service.conditionKeys.find((k) => keyMatches(k.name, policyKey));
    if (!key) return { kind: 'unknown', service: service.prefix };
    return { kind: 'known', name: key.name, types: [key.type], global: false };
  }

  /**
   * Does the action support the key? Global keys are available to every action, except the tag keys
   * (aws:RequestTag, aws:ResourceTag, aws:TagKeys) where the action's service lists them per action.
   */
  supports(action: CatalogAction, key: Extract<ResolvedKey, { kind: 'known' }>, policyKey: string): boolean {
    const service = this.catalog.serviceWithConditionKeys(action.service);
    if (!service || !action.model) return true;
    if (key.global) {
      if (!PER_ACTION_GLOBAL_KEYS.includes(key.name)) return true;
      if (!service.conditionKeys.some((k) => keyMatches(k.name, policyKey))) return true;
    }
    if (this.keysOf(action, service).some((k) => keyMatches(k, policyKey))) return true;
    const keyService = policyKey.slice(0, policyKey.indexOf(':')).toLowerCase();
    return keyService === service.prefix && this.serviceWideKeys(service).some((k) => keyMatches(k, policyKey));
  }

  /** Keys listed for the action itself, for it on each resource type, and for those resource types. */
  private keysOf(action: CatalogAction, service: Service): string[] {
    let keys = this.actionKeys.get(action.full);
    if (!keys) {
      const model = action.model!;
      const list = [...model.conditionKeys];
      for (const type of model.resourceTypes) {
        list.push(...type.conditionKeys);
        list.push(...(this.catalog.resourceType(service.prefix, type.name)?.conditionKeys ?? []));
      }
      keys = [...new Set(list)];
      this.actionKeys.set(action.full, keys);
    }
    return keys;
  }

  /** Keys in the service's table that no action or resource type lists: they apply service-wide. */
  private serviceWideKeys(service: Service): string[] {
    let keys = this.serviceWide.get(service.prefix);
    if (!keys) {
      const listed = new Set<string>();
      for (const type of service.resourceTypes) for (const k of type.conditionKeys) listed.add(k.toLowerCase());
      for (const action of service.actions) {
        for (const k of action.conditionKeys) listed.add(k.toLowerCase());
        for (const type of action.resourceTypes) for (const k of type.conditionKeys) listed.add(k.toLowerCase());
      }
      keys = service.conditionKeys.map((k) => k.name).filter((name) => !listed.has(name.toLowerCase()));
      this.serviceWide.set(service.prefix, keys);
    }
    return keys;
  }
}
