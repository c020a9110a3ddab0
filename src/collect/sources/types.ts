import type { ServiceCode } from '../config/services.js';
import type { SdkClient, SdkClientClass } from '../aws/clients.js';

/**
 * A source: one small declarative definition per resource type (or per API that returns several, such
 * as IAM's GetAccountAuthorizationDetails). The engine schedules it per account (global) or per
 * account and region (regional), gives it clients, writes what it returns and deletes what is gone.
 * Adding a source = one file in `sources/<service>/` + one line in `registry.ts` + one test.
 */
export interface Source {
  /** `<service>/<sync>`, e.g. `iam/authorizationDetails`; the sync part matches iam-collect's syncConfigs names. */
  readonly name: string;
  readonly service: ServiceCode;
  /** Global sources run once per account (in the partition's home region); regional ones per region. */
  readonly scope: 'global' | 'regional';
  readonly description: string;
  /** Every IAM action the source calls, for docs and the collector's own least-privilege policy. */
  readonly apiCalls: readonly string[];
  /**
   * At most this many jobs of this source run at once (default: no cap but the global one). Bounds the
   * memory of sources that hold large responses, so it does not grow with the size of the organization.
   */
  readonly maxParallel?: number;
  /** The resource folders it owns: after a complete listing, stored resources it did not return are deleted. */
  readonly stores: readonly StoredType[];
  collect(ctx: SourceContext): Promise<SourceResult>;
}

/** A kind of resource folder: `<service>[/<region>][/aws]/<resourceType>/<resource>/<file>.json`. */
export interface StoredType {
  /** Counted under this name in the run summary, e.g. `role`. */
  readonly label: string;
  readonly service: string;
  readonly resourceType: string;
  /** AWS-owned resources (AWS managed policies) live under an extra `aws` folder. */
  readonly awsOwned?: boolean;
  /** Every file a resource of this type may have (without `.json`); stored files not written are deleted. */
  readonly files: readonly string[];
  /** The folder has no region part although the source is regional (S3 bucket ARNs name no region). */
  readonly regionless?: boolean;
  /**
   * For folders shared by several jobs or sources (S3 buckets of every region, DynamoDB tables and
   * their streams): whether a stored resource belongs to this job, judged from its stored metadata.
   * Resources it does not own are never updated or deleted as stale by this job.
   */
  readonly owns?: (
    metadata: Readonly<Record<string, unknown>> | undefined,
    job: { readonly region: string },
  ) => boolean;
}

/** One resource, stored in `resourceFolder(account, arn)`. */
export interface ResourceRecord {
  readonly arn: string;
  /** File name (without `.json`) -> JSON value; undefined or empty means "absent" and deletes the file. */
  readonly files: Readonly<Record<string, unknown>>;
  /** Files left as stored: the call that reads them was denied or failed, so their content is unknown. */
  readonly keep?: readonly string[];
}

/** Something one resource's call could not read. The resource itself is still written. */
export interface Issue {
  readonly kind: 'denied' | 'failed' | 'skipped';
  readonly arn?: string;
  /** The file (or fact) that could not be read. */
  readonly field?: string;
  readonly message: string;
}

export interface SourceResult {
  readonly resources?: readonly ResourceRecord[];
  /** Files at explicit keys (account-level and organization files); undefined or empty deletes. */
  readonly files?: ReadonlyArray<{ readonly key: string; readonly value: unknown }>;
  /**
   * Folders whose child folders not listed in `children` are stale (deleted unless --write-only); with
   * `files`, so are the files right in the folder that are not listed (RAM's one file per resource).
   */
  readonly folders?: ReadonlyArray<{
    readonly prefix: string;
    readonly children: readonly string[];
    readonly files?: readonly string[];
  }>;
  readonly issues?: readonly Issue[];
  /** Extra counts for the summary (resource counts are added by the engine). */
  readonly counts?: Readonly<Record<string, number>>;
  /** A remark for the run summary, e.g. why part of the data was not collected from this account. */
  readonly note?: string;
}

/** What a source gets to work with. */
export interface SourceContext {
  readonly account: string;
  readonly partition: string;
  /** The job's region: the partition's home region for global sources. */
  readonly region: string;
  /** The sync's `custom` options from the config (`serviceConfigs.<svc>.syncConfigs.<sync>.custom`). */
  readonly options: Readonly<Record<string, unknown>>;
  /** The accounts of this run. */
  readonly accounts: readonly string[];
  /**
   * A cached SDK client for this account and region. `name` labels its calls and picks its endpoint
   * setting (default: the source's service code). `region` overrides the job's region, for APIs served
   * from one region only (S3 Multi-Region Access Points: us-west-2).
   */
  client<C extends SdkClient>(Client: SdkClientClass<C>, name?: string, region?: string): C;
  /** Runs `task` for every item, bounded by the run's concurrency; results keep the input order. */
  map<T, R>(items: readonly T[], task: (item: T) => Promise<R>): Promise<R[]>;
  /** Runs `task` once per run for `key`; every caller gets the same promise. */
  once<T>(key: string, task: () => Promise<T>): Promise<T>;
}
