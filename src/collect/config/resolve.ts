import type { AccountsConfig, AuthConfig, ConfigLayer, Filter, ServiceConfig, StorageConfig } from './types.js';
import { SERVICE_CODES, type ServiceCode } from './services.js';

export const DEFAULT_STORAGE: StorageConfig = { type: 'file', path: './iam-data' };
export const DEFAULT_CONCURRENCY = 8;

/**
 * The merged view of configuration layers (files in order). Single values: the last file that
 * sets one wins. Filters: applied cumulatively, file by file (iam-collect's rules, spec §3).
 */
export class ResolvedConfig {
  constructor(readonly layers: ConfigLayer[]) {}

  private last<T>(pick: (layer: ConfigLayer) => T | undefined): T | undefined {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i];
      const value = layer ? pick(layer) : undefined;
      if (value !== undefined) return value;
    }
    return undefined;
  }

  storage(): StorageConfig {
    return this.last((l) => l.config.storage) ?? DEFAULT_STORAGE;
  }

  concurrency(): number {
    return this.last((l) => l.config.concurrency) ?? DEFAULT_CONCURRENCY;
  }

  accounts(): AccountsConfig | undefined {
    return this.last((l) => l.config.accounts);
  }

  /** A service's settings at the top level, or under one account. */
  private serviceConfig(layer: ConfigLayer, service: string, account?: string): ServiceConfig | undefined {
    return account === undefined
      ? layer.config.serviceConfigs?.[service]
      : layer.config.accountConfigs?.[account]?.serviceConfigs?.[service];
  }

  /**
   * The endpoint for one client: the most specific setting wins (account+service+region, account+service,
   * service+region, service, top level); among files at the same level, the last one.
   */
  endpoint(account: string, service: string, region: string): string | undefined {
    const levels: Array<(l: ConfigLayer) => string | undefined> = [
      (l) => this.serviceConfig(l, service, account)?.regionConfigs?.[region]?.endpoint,
      (l) => this.serviceConfig(l, service, account)?.endpoint,
      (l) => this.serviceConfig(l, service)?.regionConfigs?.[region]?.endpoint,
      (l) => this.serviceConfig(l, service)?.endpoint,
      (l) => l.config.endpoint,
    ];
    for (const level of levels) {
      const value = this.last(level);
      if (value !== undefined) return value;
    }
    return undefined;
  }

  /**
   * The auth settings for one (account, service, region, sync), deep-merged field by field from the least
   * to the most specific level: root, service, service region, service sync, account, account service,
   * its region, its sync. At each level the last file that sets it wins.
   */
  auth(account: string, service: string, region: string, sync?: string): AuthConfig {
    const levels: Array<(l: ConfigLayer) => AuthConfig | undefined> = [
      (l) => l.config.auth,
      (l) => this.serviceConfig(l, service)?.auth,
      (l) => this.serviceConfig(l, service)?.regionConfigs?.[region]?.auth,
      (l) => (sync ? this.serviceConfig(l, service)?.syncConfigs?.[sync]?.auth : undefined),
      (l) => l.config.accountConfigs?.[account]?.auth,
      (l) => this.serviceConfig(l, service, account)?.auth,
      (l) => this.serviceConfig(l, service, account)?.regionConfigs?.[region]?.auth,
      (l) => (sync ? this.serviceConfig(l, service, account)?.syncConfigs?.[sync]?.auth : undefined),
    ];
    let merged: AuthConfig = {};
    for (const level of levels) {
      const value = this.last(level);
      if (value) merged = mergeAuth(merged, value);
    }
    return merged;
  }

  /** Services collected in an account: CLI list (or all) narrowed by each file's filters, then the account's. */
  services(account: string, cli: string[] | undefined): ServiceCode[] {
    let services = new Set<string>(cli && cli.length > 0 ? cli : SERVICE_CODES);
    for (const { config } of this.layers) services = applyFilter(services, config.services);
    for (const { config } of this.layers) {
      const filter = config.accountConfigs?.[account]?.services;
      for (const s of filter?.included ?? []) if (!cli || cli.length === 0 || cli.includes(s)) services.add(s);
      for (const s of filter?.excluded ?? []) services.delete(s);
    }
    return SERVICE_CODES.filter((s) => services.has(s));
  }

  /**
   * The starting region list of an account: CLI, else the account's include list, else the top-level
   * include list. Undefined means "discover the enabled regions" (account:ListRegions).
   */
  baseRegions(account: string, cli: string[] | undefined): string[] | undefined {
    if (cli && cli.length > 0) return [...cli];
    return (
      this.last((l) => l.config.accountConfigs?.[account]?.regions?.included) ??
      this.last((l) => l.config.regions?.included)
    );
  }

  /** Regions for one service (and optionally one sync) of an account, from the base list. */
  regions(account: string, service: string, base: string[], sync?: string): string[] {
    let regions = new Set(base);
    for (const layer of this.layers) regions = applyFilter(regions, layer.config.regions);
    for (const layer of this.layers) regions = applyFilter(regions, this.serviceConfig(layer, service)?.regions);
    for (const layer of this.layers) regions = applyFilter(regions, layer.config.accountConfigs?.[account]?.regions);
    for (const layer of this.layers)
      regions = applyFilter(regions, this.serviceConfig(layer, service, account)?.regions);
    if (sync) {
      for (const layer of this.layers)
        regions = applyFilter(regions, this.serviceConfig(layer, service)?.syncConfigs?.[sync]?.regions);
      for (const layer of this.layers)
        regions = applyFilter(regions, this.serviceConfig(layer, service, account)?.syncConfigs?.[sync]?.regions);
    }
    return base.filter((r) => regions.has(r));
  }

  /** A sync's `custom` options, service level then account level (later keys win). */
  syncOptions(account: string, service: string, sync: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const layer of this.layers)
      Object.assign(out, this.serviceConfig(layer, service)?.syncConfigs?.[sync]?.custom);
    for (const layer of this.layers)
      Object.assign(out, this.serviceConfig(layer, service, account)?.syncConfigs?.[sync]?.custom);
    return out;
  }
}

function applyFilter(values: Set<string>, filter: Filter | undefined): Set<string> {
  if (!filter) return values;
  let out = values;
  if (filter.included) out = new Set([...out].filter((v) => filter.included?.includes(v)));
  if (filter.excluded) out = new Set([...out].filter((v) => !filter.excluded?.includes(v)));
  return out;
}

/** Field-by-field merge: `role` merges key-wise, `initialRole` is replaced (null removes it). */
export function mergeAuth(base: AuthConfig, over: AuthConfig): AuthConfig {
  const out: AuthConfig = { ...base };
  if (over.profile !== undefined) out.profile = over.profile;
  if (over.initialRole !== undefined) out.initialRole = over.initialRole;
  if (over.role !== undefined) out.role = { ...base.role, ...over.role };
  return out;
}
