import type { Issue } from '../sources/types.js';
import type { RunStats } from './stats.js';

export type JobStatus = 'collected' | 'denied' | 'failed' | 'skipped';

/** One job: a source in an account, in a region (or `global`). */
export interface JobReport {
  account: string;
  service: string;
  /** The sync name, e.g. `authorizationDetails`. */
  sync: string;
  region: string;
  status: JobStatus;
  /** Why it was denied, failed or skipped. */
  reason?: string;
  note?: string;
  counts?: Record<string, number>;
  issues?: Issue[];
  durationMs: number;
}

export interface RunInfo {
  command: 'download';
  version: string;
  startedAt: Date;
  finishedAt: Date;
  storage: string;
  partition: string;
  concurrency: number;
  writeOnly: boolean;
  index: boolean;
  accounts: string[];
  /** Services asked for that have no source in this version. */
  unsupportedServices: string[];
  /** Accounts that could not be prepared at all (credentials, regions). */
  accountErrors: Record<string, string>;
  indexes: string[];
  /** Why the indexes could not be rebuilt, if they could not. */
  indexError?: string;
}

/**
 * `runs/<timestamp>/summary.json`: what was collected, denied, failed or skipped per account, service
 * and region, with counts and reasons, so a consumer can tell "absent" from "not collected".
 */
export function buildSummary(info: RunInfo, jobs: JobReport[], stats: RunStats): Record<string, unknown> {
  const accounts: Record<string, unknown> = {};
  const totals = { collected: 0, denied: 0, failed: 0, skipped: 0 };
  const resources: Record<string, number> = {};
  const sorted = [...jobs].sort((a, b) =>
    `${a.account} ${a.service} ${a.region} ${a.sync}`.localeCompare(`${b.account} ${b.service} ${b.region} ${b.sync}`),
  );
  for (const account of info.accounts) {
    const own = sorted.filter((j) => j.account === account);
    const services: Record<string, Record<string, Record<string, unknown>>> = {};
    for (const job of own) {
      totals[job.status]++;
      for (const [label, n] of Object.entries(job.counts ?? {})) resources[label] = (resources[label] ?? 0) + n;
      services[job.service] ??= {};
      const byRegion = services[job.service] as Record<string, Record<string, unknown>>;
      byRegion[job.region] ??= {};
      const bySync = byRegion[job.region] as Record<string, unknown>;
      bySync[job.sync] = {
        status: job.status,
        ...(job.reason ? { reason: job.reason } : {}),
        ...(job.note ? { note: job.note } : {}),
        ...(job.counts && Object.keys(job.counts).length > 0 ? { counts: job.counts } : {}),
        ...(job.issues && job.issues.length > 0 ? { issues: job.issues } : {}),
      };
    }
    const error = info.accountErrors[account];
    const failed = own.some((j) => j.status === 'failed') || error !== undefined;
    const incomplete = own.some((j) => j.status !== 'collected' || (j.issues?.length ?? 0) > 0);
    accounts[account] = {
      status: failed ? 'failed' : incomplete ? 'partial' : 'collected',
      ...(error ? { error } : {}),
      services,
    };
  }
  const failedJobs = totals.failed + Object.keys(info.accountErrors).length + (info.indexError ? 1 : 0);
  return {
    tool: 'iamwright',
    version: info.version,
    command: info.command,
    status: failedJobs > 0 ? 'failed' : 'complete',
    startedAt: info.startedAt.toISOString(),
    finishedAt: info.finishedAt.toISOString(),
    durationMs: info.finishedAt.getTime() - info.startedAt.getTime(),
    storage: info.storage,
    partition: info.partition,
    options: { concurrency: info.concurrency, index: info.index, writeOnly: info.writeOnly },
    accounts,
    unsupportedServices: info.unsupportedServices.map((service) => ({
      service,
      reason: 'not collected by this version of iamwright',
    })),
    indexes: info.indexes,
    ...(info.indexError ? { indexError: info.indexError } : {}),
    totals: {
      jobs: totals,
      resources,
      filesWritten: stats.filesWritten,
      filesDeleted: stats.filesDeleted,
      apiCalls: stats.totalCalls,
      retries: stats.retries,
      assumeRole: stats.assumeRole,
      callsByOperation: stats.callsByOperation(),
    },
  };
}
