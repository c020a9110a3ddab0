import { type Command, Option } from 'commander';
import { ACCESS_LEVELS, type Dataset } from '../data/model.js';
import type { QueryFormat } from '../query/render.js';
import type { QueryResult } from '../query/result.js';
import { dataOption } from './global-options.js';
import { writeStdout } from './stdout.js';

/**
 * Runs a query: its module and the dataset loader are imported side by side (each sequential
 * import costs start-up time). Prints the value on stdout; the heading only on a terminal, on
 * stderr, so that stdout stays parseable.
 */
async function run<Q>(
  command: Command,
  format: QueryFormat,
  loadQuery: () => Promise<Q>,
  query: (module: Q, dataset: Dataset) => QueryResult<unknown>,
): Promise<void> {
  const [module, { loadDataset }] = await Promise.all([loadQuery(), import('../data/load.js')]);
  const result = query(module, loadDataset(dataOption(command)));
  let text: string;
  if (format === 'json') {
    // Written here rather than by render.js: one module less to load for the common case.
    text = `${JSON.stringify(result.value, null, 4)}\n`;
  } else {
    const { renderQueryValue } = await import('../query/render.js');
    text = await renderQueryValue(result.value, format);
  }
  if (result.heading && process.stderr.isTTY) process.stderr.write(`${result.heading}\n`);
  writeStdout(text);
}

/** `all` is taken by action-table only, as in policy_sentry; completion offers it from `<prefix|all>`. */
const serviceOption = ({ all = false } = {}) =>
  (all
    ? new Option('-s, --service <prefix|all>', 'AWS service prefix, e.g. s3 (catalog = servicecatalog), or all')
    : new Option('-s, --service <prefix>', 'AWS service prefix, e.g. s3 (catalog = servicecatalog)')
  ).makeOptionMandatory();
const fmtOption = (formats: QueryFormat[]) =>
  new Option('--fmt <format>', 'output format').choices(formats).default('json');

interface ActionTableFlags {
  service: string;
  name?: string;
  accessLevel?: (typeof ACCESS_LEVELS)[number];
  condition?: string;
  resourceType?: string;
  fmt: QueryFormat;
}

/** `iamwright query ...`: policy_sentry's tables of actions, ARNs, condition keys and services. */
export function registerQuery(program: Command): void {
  const query = program
    .command('query')
    .description('query the IAM database: actions, ARN formats, condition keys, services (policy_sentry-compatible)');

  query
    .command('action-table')
    .description('actions of a service (or all): by name, access level, condition key or resource type')
    .addOption(serviceOption({ all: true }))
    .option('-n, --name <action>', 'action name (case-insensitive); Prefix* matches every action starting with Prefix')
    .addOption(new Option('-a, --access-level <level>', 'actions at this access level').choices(ACCESS_LEVELS))
    .option('-c, --condition <key>', 'actions that support this condition key (exact)')
    .option(
      '-r, --resource-type <type>',
      'actions that take this resource type; * = actions that only take Resource "*"',
    )
    .addOption(fmtOption(['json', 'yaml']))
    .action((flags: ActionTableFlags, command: Command) =>
      run(
        command,
        flags.fmt,
        () => import('../query/action-table.js'),
        (m, dataset) => m.queryActionTable(dataset, flags),
      ),
    );

  query
    .command('arn-table')
    .description('ARN formats of a service, its resource types, or one resource type')
    .addOption(serviceOption())
    .option('-n, --name <type>', 'resource type name (case-insensitive)')
    .option('-l, --list-arn-types', 'list {resource type: ARN format}')
    .addOption(fmtOption(['json', 'yaml']))
    .action((flags: { service: string; name?: string; listArnTypes?: boolean; fmt: QueryFormat }, command: Command) =>
      run(
        command,
        flags.fmt,
        () => import('../query/arn-table.js'),
        (m, dataset) => m.queryArnTable(dataset, flags),
      ),
    );

  query
    .command('condition-table')
    .description('condition keys of a service, or the details of one')
    .addOption(serviceOption())
    .option('-n, --name <key>', 'condition key as used in a policy, e.g. s3:ExistingObjectTag/backup')
    .addOption(fmtOption(['json', 'yaml']))
    .action((flags: { service: string; name?: string; fmt: QueryFormat }, command: Command) =>
      run(
        command,
        flags.fmt,
        () => import('../query/condition-table.js'),
        (m, dataset) => m.queryConditionTable(dataset, flags),
      ),
    );

  query
    .command('service-table')
    .description('every service: prefix and name')
    .addOption(fmtOption(['json', 'yaml', 'csv']))
    .action((flags: { fmt: QueryFormat }, command: Command) =>
      run(
        command,
        flags.fmt,
        () => import('../query/service-table.js'),
        (m, dataset) => m.queryServiceTable(dataset),
      ),
    );
}
