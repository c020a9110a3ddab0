import { open } from 'node:fs/promises';
import { ConfigError } from '../../util/errors.js';

export const DEFAULT_CONFIG_FILE = 'iamwright.jsonc';

/** The commented starting configuration written by `collect init`. It parses as it is. */
export const CONFIG_TEMPLATE = `// iamwright collect configuration (JSONC: comments and trailing commas are allowed).
// The keys are iam-collect's, so an existing iam-collect.jsonc works unchanged.
// Reference: docs/collect.md. Validate it by running \`iamwright collect download\`.
{
  "name": "my organization",

  // Where collected data goes: a local folder (default) or an S3 bucket.
  "storage": {
    "type": "file",
    "path": "./iam-data"
  },
  // "storage": { "type": "s3", "bucket": "my-bucket", "prefix": "iam-data/", "region": "us-east-1" },

  // Which accounts to collect. Absent: the account of your credentials.
  // An explicit list:
  // "accounts": { "included": ["111111111111", "222222222222"] },
  // Every ACTIVE account of the organization, listed from the management account or a delegated
  // administrator, optionally only under some OUs:
  // "accounts": "organization",
  // "accounts": { "organization": { "ous": { "included": ["ou-ab12-cdef3456"], "excluded": [] } }, "excluded": [] },

  // Regions: absent = every region enabled in each account (found with account:ListRegions).
  // "regions": { "included": ["us-east-1", "us-west-2"], "excluded": [] },

  // Services: absent = all. Codes: iam, organizations, s3, and the rest of iam-collect's list.
  // "services": { "included": ["iam", "organizations", "s3"], "excluded": [] },

  // Credentials: a profile (or the default credential chain), an optional initial role,
  // then a role assumed in each target account (skipped when the credentials are already in it).
  "auth": {
    // "profile": "security-audit",
    // "initialRole": { "arn": "arn:aws:iam::111111111111:role/collector-hub", "externalId": "..." },
    // "role": { "pathAndName": "/OrganizationAccountAccessRole", "sessionName": "iamwright" }
  },

  // One endpoint for every AWS client (e.g. a local emulator or a VPC endpoint); per-service and
  // per-region endpoints go in serviceConfigs.<service>.endpoint and .regionConfigs.<region>.endpoint.
  // "endpoint": "http://127.0.0.1:5000",

  // How many AWS calls run at once, across all accounts.
  // "concurrency": 8,

  // Per-account and per-service overrides (auth, regions, services, endpoints):
  // "accountConfigs": { "222222222222": { "auth": { "role": { "externalId": "abc" } } } },
  // "serviceConfigs": { "iam": { "syncConfigs": { "authorizationDetails": { "custom": { "includePolicyTags": true } } } } }
}
`;

/** Writes the template to `path`; refuses to overwrite an existing file (exit 2). */
export async function writeInitConfig(path: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new ConfigError(`${path}: already exists; remove it or edit it`);
    throw new ConfigError(`${path}: cannot create (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    await handle.writeFile(CONFIG_TEMPLATE);
  } finally {
    await handle.close();
  }
}
