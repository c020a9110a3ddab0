import { AccountClient } from '@aws-sdk/client-account';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { runSummaryKey } from '../storage/layout.js';
import type { Store } from '../storage/store.js';
import { writeJson } from '../storage/write-json.js';
import { AwsAccessError, IamwrightError, UsageError } from '../util/errors.js';
import type { ClientPool } from './aws/clients.js';
import type { CredentialBroker, Identity } from './aws/credentials.js';
import { classifyError, describeError, missingRegionalEndpoint } from './aws/errors.js';
import { homeRegion } from './aws/partitions.js';
import { createAwsSession } from './aws/session.js';
import { loadConfigFiles } from './config/load.js';
import { ResolvedConfig } from './config/resolve.js';
import { openStore, storageAuthOf } from './open-store.js';
import { isServiceCode, SERVICE_CODES, type ServiceCode } from './config/services.js';
import { buildIndexes } from './indexes/registry.js';
import { discoverAccounts } from './org/discover.js';
import { applyResult } from './run/apply.js';
import { mapLimit } from './run/limiter.js';
import type { Reporter } from './run/progress.js';
import { listEnabledRegions } from './run/regions.js';
import { runScheduled } from './run/schedule.js';
import { RunStats } from './run/stats.js';
import { buildSummary, type JobReport } from './run/summary.js';
import { VERSION } from './run/version.js';
import { sourcesFor } from './sources/registry.js';
import type { Source, SourceContext } from './sources/types.js';

export interface DownloadOptions {
  configFiles: string[];
  accounts?: string[];
  regions?: string[];
  services?: string[];
  concurrency?: number;
  /** Rebuild the indexes after collecting (default true). */
  index: boolean;
  /** Never delete: neither stale resources nor files a resource no longer has. */
  writeOnly: boolean;
  reporter: Reporter;
  stats?: RunStats;
}

export interface DownloadResult {
  /** 0 when every job completed (denials recorded), 1 when any job failed. */
  exitCode: 0 | 1;
  summaryKey: string;
  summary: Record<string, unknown>;
  storage: string;
}

interface Job {
  account: string;
  source: Source;
  sync: string;
  /** The region the clients use. */
  region: string;
  /** `global` for global sources. */
  label: string;
}

/**
 * `collect download`: resolves accounts, credentials and regions, runs every (account, source, region)
 * job under one global concurrency cap, stores the results, rebuilds the indexes and writes the run
 * summary. A failed job changes nothing that earlier runs stored.
 */
export async function download(options: DownloadOptions): Promise<DownloadResult> {
  const startedAt = new Date();
  const config = new ResolvedConfig(await loadConfigFiles(options.configFiles));
  checkCliLists(options);
  const concurrency = options.concurrency ?? config.concurrency();
  const stats = options.stats ?? new RunStats();
  const { reporter } = options;

  const { pool, broker } = createAwsSession(config, {
    concurrency,
    stats,
    sessionName: `iamwright-${startedAt.getTime()}`,
  });

  let store: Store | undefined;
  try {
    const root = await broker.identity(config.auth('', '', ''));
    const partition = root.partition;
    const home = homeRegion(partition);
    const storageAuth = storageAuthOf(config);
    store = await openStore(config, storageAuth ? (await broker.identity(storageAuth)).provider : undefined);

    const accounts = await resolveAccounts(config, options, root, broker, pool, home, concurrency);
    const accountErrors: Record<string, string> = {};
    const unsupported = new Set<ServiceCode>();
    const collectedServices = new Set<string>();
    const jobs: Job[] = [];
    const skippedJobs: JobReport[] = [];
    const clientFor = (account: string, identity: Identity, name: string, region: string) =>
      pool.get(AccountClient, {
        name,
        account,
        region,
        credentials: identity.provider,
        credentialsKey: identity.key,
        endpoint: config.endpoint(account, name, region),
      });

    for (const account of accounts) {
      const services = config.services(account, options.services);
      const sources = sourcesFor(services);
      for (const service of services) if (!sources.some((s) => s.service === service)) unsupported.add(service);
      let base = config.baseRegions(account, options.regions);
      if (!base && sources.some((s) => s.scope === 'regional')) {
        try {
          const identity = await broker.forAccount(account, config.auth(account, 'account', home));
          base = await listEnabledRegions(clientFor(account, identity, 'account', home));
        } catch (error) {
          accountErrors[account] = `cannot list the enabled regions: ${describeError(error)}`;
          reporter.message('error', `${account}: ${accountErrors[account]}`);
          continue;
        }
      }
      for (const source of sources) {
        const sync = source.name.slice(source.name.indexOf('/') + 1);
        const regions = base ? config.regions(account, source.service, base, sync) : undefined;
        const skip = (label: string, reason: string) =>
          skippedJobs.push({
            account,
            service: source.service,
            sync,
            region: label,
            status: 'skipped',
            reason,
            durationMs: 0,
          });
        if (source.scope === 'global') {
          // Global services are called in the partition's home region; region filters only switch them off.
          if (regions && regions.length === 0) skip('global', 'no region selected for this service');
          else jobs.push({ account, source, sync, region: home, label: 'global' });
        } else {
          for (const region of regions ?? []) jobs.push({ account, source, sync, region, label: region });
          if (regions && regions.length === 0) skip('regional', 'no region selected for this service');
        }
        collectedServices.add(source.service);
      }
    }

    stats.accountsTotal = accounts.length;
    stats.jobsTotal = jobs.length;
    const jobsLeft = new Map<string, number>();
    for (const job of jobs) jobsLeft.set(job.account, (jobsLeft.get(job.account) ?? 0) + 1);
    const started = new Set<string>();
    // Per account, so that an account's shared listings go when its last job ends, as its clients do.
    const shared = new Map<string, Map<string, Promise<unknown>>>();
    const activeStore = store;
    const cap = (job: Job) =>
      job.source.maxParallel ? { key: job.source.name, cap: job.source.maxParallel } : undefined;
    const reports = await runScheduled(jobs, concurrency, cap, async (job) => {
      if (!started.has(job.account)) {
        started.add(job.account);
        stats.accountsStarted++;
      }
      const report = await runJob(job, {
        config,
        broker,
        pool,
        store: activeStore,
        partition,
        accounts,
        concurrency,
        writeOnly: options.writeOnly,
        stats,
        shared,
      });
      stats.jobsDone++;
      const left = (jobsLeft.get(job.account) ?? 1) - 1;
      jobsLeft.set(job.account, left);
      if (left === 0) {
        pool.release(job.account);
        shared.delete(job.account);
      }
      if (report.status === 'failed') stats.jobsFailed++;
      if (report.status === 'denied') stats.jobsDenied++;
      reporter.jobFinished(report);
      return report;
    });

    let indexes: string[] = [];
    let indexError: string | undefined;
    if (options.index) {
      try {
        indexes = await buildIndexes({
          store,
          partition,
          accounts,
          services: [...collectedServices],
          concurrency,
        });
      } catch (error) {
        if (!(error instanceof IamwrightError)) throw error;
        indexError = error.message;
        reporter.message('error', `indexes not rebuilt: ${error.message}`);
      }
    }

    const all = [...reports, ...skippedJobs];
    const summary = buildSummary(
      {
        command: 'download',
        version: VERSION,
        startedAt,
        finishedAt: new Date(),
        storage: store.location,
        partition,
        concurrency,
        writeOnly: options.writeOnly,
        index: options.index,
        accounts,
        unsupportedServices: [...unsupported].sort(),
        accountErrors,
        indexes,
        ...(indexError ? { indexError } : {}),
      },
      all,
      stats,
    );
    const summaryKey = runSummaryKey(startedAt);
    await writeJson(store, summaryKey, summary);
    const failed =
      all.some((j) => j.status === 'failed') || Object.keys(accountErrors).length > 0 || indexError !== undefined;
    return { exitCode: failed ? 1 : 0, summaryKey, summary, storage: store.location };
  } finally {
    pool.destroy();
    await store?.close();
  }
}

interface JobDeps {
  config: ResolvedConfig;
  broker: CredentialBroker;
  pool: ClientPool;
  store: Store;
  partition: string;
  accounts: string[];
  concurrency: number;
  writeOnly: boolean;
  stats: RunStats;
  /** `ctx.once` results, by account, then key. */
  shared: Map<string, Map<string, Promise<unknown>>>;
}

async function runJob(job: Job, deps: JobDeps): Promise<JobReport> {
  const { account, source, sync, region } = job;
  const startedAt = Date.now();
  const report = (fields: Partial<JobReport> & Pick<JobReport, 'status'>): JobReport => ({
    account,
    service: source.service,
    sync,
    region: job.label,
    durationMs: Date.now() - startedAt,
    ...fields,
  });
  try {
    const identity = await deps.broker.forAccount(account, deps.config.auth(account, source.service, region, sync));
    const ctx: SourceContext = {
      account,
      partition: deps.partition,
      region,
      options: deps.config.syncOptions(account, source.service, sync),
      accounts: deps.accounts,
      client: (Client, name = source.service, clientRegion = region) =>
        deps.pool.get(Client, {
          name,
          account,
          region: clientRegion,
          credentials: identity.provider,
          credentialsKey: identity.key,
          endpoint: deps.config.endpoint(account, name, clientRegion),
        }),
      map: (items, task) => mapLimit(items, deps.concurrency, task),
      once: <T>(key: string, task: () => Promise<T>) => {
        let ofAccount = deps.shared.get(account);
        if (!ofAccount) {
          ofAccount = new Map();
          deps.shared.set(account, ofAccount);
        }
        let promise = ofAccount.get(key) as Promise<T> | undefined;
        if (!promise) {
          promise = task();
          ofAccount.set(key, promise);
        }
        return promise;
      },
    };
    const result = await source.collect(ctx);
    const applied = await applyResult(source, result, {
      store: deps.store,
      partition: deps.partition,
      account,
      region,
      writeOnly: deps.writeOnly,
      stats: deps.stats,
    });
    const issues = [...(result.issues ?? []), ...applied.issues].sort((a, b) =>
      `${a.arn ?? ''} ${a.field ?? ''}`.localeCompare(`${b.arn ?? ''} ${b.field ?? ''}`),
    );
    return report({
      status: 'collected',
      counts: { ...applied.counts, ...result.counts },
      ...(issues.length > 0 ? { issues } : {}),
      ...(result.note ? { note: result.note } : {}),
    });
  } catch (error) {
    if (error instanceof AwsAccessError) return report({ status: 'failed', reason: error.message });
    const missing = missingRegionalEndpoint(error, region);
    if (missing) return report({ status: 'skipped', reason: `not offered in ${region}: ${missing} does not exist` });
    const kind = classifyError(error);
    const reason = describeError(error);
    if (kind === 'denied') return report({ status: 'denied', reason });
    if (kind === 'absent') return report({ status: 'skipped', reason });
    return report({ status: 'failed', reason });
  }
}

function checkCliLists(options: DownloadOptions): void {
  for (const account of options.accounts ?? [])
    if (!/^\d{12}$/.test(account)) throw new UsageError(`--accounts: "${account}" is not a 12-digit account id`);
  for (const service of options.services ?? [])
    if (!isServiceCode(service))
      throw new UsageError(`--services: unknown service "${service}" (expected one of: ${SERVICE_CODES.join(', ')})`);
  for (const region of options.regions ?? [])
    if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new UsageError(`--regions: "${region}" is not a region name`);
  if (options.concurrency !== undefined && (!Number.isInteger(options.concurrency) || options.concurrency < 1))
    throw new UsageError('--concurrency: expected a positive integer');
}

/** CLI list, else the configured list or the organization's ACTIVE accounts, else the caller's own account. */
async function resolveAccounts(
  config: ResolvedConfig,
  options: DownloadOptions,
  root: Identity,
  broker: CredentialBroker,
  pool: ClientPool,
  home: string,
  concurrency: number,
): Promise<string[]> {
  const configured = config.accounts();
  let accounts: string[];
  if (options.accounts && options.accounts.length > 0) {
    accounts = options.accounts;
  } else if (configured?.organization) {
    const from = configured.organization.accountId ?? root.accountId;
    let identity: Identity;
    try {
      identity = await broker.forAccount(from, config.auth(from, 'organizations', home));
      const client = pool.get(OrganizationsClient, {
        name: 'organizations',
        account: from,
        region: home,
        credentials: identity.provider,
        credentialsKey: identity.key,
        endpoint: config.endpoint(from, 'organizations', home),
      });
      accounts = await discoverAccounts(client, configured.organization, (items, task) =>
        mapLimit(items, concurrency, task),
      );
    } catch (error) {
      if (error instanceof IamwrightError) throw error;
      throw new AwsAccessError(
        `cannot list the organization's accounts from ${from} (it must be the management account or a delegated administrator): ${describeError(error)}`,
      );
    }
    if (configured.included) accounts = accounts.filter((a) => configured.included?.includes(a));
  } else {
    accounts = configured?.included && configured.included.length > 0 ? configured.included : [root.accountId];
  }
  const excluded = new Set(configured?.excluded ?? []);
  return [...new Set(accounts)].filter((a) => !excluded.has(a));
}
