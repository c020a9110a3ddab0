/** The query functions as a library: levels of combined-level actions, key matching, rendering. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { policySentryDataset } from '../../src/data/policy-sentry-format.js';
import { actionsWithAccessLevel, actionsWithResourceType, wildcardOnlyActions } from '../../src/query/action-table.js';
import { conditionKeyMatches } from '../../src/query/condition-table.js';
import { renderQueryValue } from '../../src/query/render.js';
import { actionData } from '../../src/query/rows.js';
import { resolveService } from '../../src/query/service-lookup.js';
import { LookupError, UsageError } from '../../src/util/errors.js';

/** A policy_sentry v2 document with one service whose actions carry AWS's combined levels. */
function privilege(name: string, level: string, types: string[]) {
  const rows = Object.fromEntries(
    types.map((t) => [t, { resource_type: t, required: false, condition_keys: [], dependent_actions: [] }]),
  );
  return {
    privilege: name,
    description: `Grants permission to ${name}`,
    access_level: level,
    resource_types: rows,
    resource_types_lower_name: Object.fromEntries(types.map((t) => [t.toLowerCase(), t])),
    api_documentation_link: null,
  };
}
const doc = {
  policy_sentry_schema_version: 'v2',
  demo: {
    service_name: 'Demo',
    prefix: 'demo',
    service_authorization_url: 'https://example.com/demo',
    privileges: {
      CreateThing: privilege('CreateThing', 'Tagging, Write', ['thing', '']),
      ShareThing: privilege('ShareThing', 'Permissions management, Write', ['']),
      ListThings: privilege('ListThings', 'List', ['']),
      GetThing: privilege('GetThing', 'Read', ['thing']),
    },
    resources: { thing: { resource: 'thing', arn: 'arn:${Partition}:demo:::thing/${Name}', condition_keys: [] } },
    conditions: {},
  },
};
const dataset = policySentryDataset(doc, 'demo.json', '2026-01-01');

test('an action with several levels is selected by its most sensitive one only', () => {
  const byLevel = Object.fromEntries(
    (['permissions-management', 'tagging', 'write', 'list', 'read'] as const).map((level) => [
      level,
      actionsWithAccessLevel(dataset, 'demo', level),
    ]),
  );
  assert.deepEqual(byLevel, {
    'permissions-management': ['demo:ShareThing'],
    tagging: ['demo:CreateThing'],
    write: [],
    list: ['demo:ListThings'],
    read: ['demo:GetThing'],
  });
  // The all-services listing reads the action summaries, and must agree.
  assert.deepEqual(actionsWithAccessLevel(dataset, 'all', 'tagging'), ['demo:CreateThing']);
  assert.deepEqual(wildcardOnlyActions(dataset, 'all', 'permissions-management'), ['demo:ShareThing']);
  assert.deepEqual(actionsWithResourceType(dataset, 'demo', 'THING', 'tagging'), ['demo:CreateThing']);
});

test('rows show the combined level as AWS writes it', () => {
  assert.deepEqual(
    actionData(dataset, 'demo', 'creatething').demo?.map((r) => [r.access_level, r.resource_arn_format]),
    [
      ['Tagging, Write', 'arn:${Partition}:demo:::thing/${Name}'],
      ['Tagging, Write', '*'],
    ],
  );
});

test('unknown services say so, with a hint for the wrong case', () => {
  assert.throws(() => resolveService(dataset, 'Demo'), new LookupError('unknown service "Demo"; did you mean "demo"?'));
  assert.throws(
    () => resolveService(dataset, 'nope'),
    new LookupError('unknown service "nope" (list them with: iamwright query service-table)'),
  );
});

const keyCases: [documented: string, used: string, matches: boolean][] = [
  ['s3:prefix', 's3:prefix', true],
  ['s3:prefix', 'S3:Prefix', true],
  ['s3:prefix', 's3:prefixes', false],
  ['s3:ExistingObjectTag/<key>', 's3:ExistingObjectTag/backup', true],
  ['s3:ExistingObjectTag/<key>', 's3:existingobjecttag/Backup', true],
  ['aws:ResourceTag/${TagKey}', 'aws:ResourceTag/Owner', true],
  ['aws:ResourceTag/${TagKey}', 'aws:RequestTag/Owner', false],
  ['secretsmanager:ResourceTag/tag-key', 'secretsmanager:ResourceTag/Project', true],
  ['ssm:resourceTag/tag-key', 'ssm:ResourceTag/Env', true],
  ['kms:ViaService', 'kms:Via', false],
];
for (const [documented, used, matches] of keyCases) {
  test(`condition key ${documented} ${matches ? 'covers' : 'does not cover'} ${used}`, () => {
    assert.equal(conditionKeyMatches(documented, used), matches);
  });
}

test('yaml: block style, no anchors for repeated lists, long lines kept whole', async () => {
  const shared = ['iam:PassRole'];
  const long = `Grants permission to ${'do a great many things '.repeat(6).trim()}`;
  const text = await renderQueryValue(
    {
      demo: [
        { a: shared, d: long },
        { a: shared, arn: '*' },
      ],
    },
    'yaml',
  );
  assert.equal(
    text,
    `demo:\n  - a:\n      - iam:PassRole\n    d: ${long}\n  - a:\n      - iam:PassRole\n    arn: "*"\n`,
  );
});

test('csv: a header, then rows; a field is quoted only when it must be', async () => {
  const rows = [
    { prefix: 'a', service_name: 'Plain' },
    { prefix: 'b', service_name: 'Comma, "quoted"' },
  ];
  assert.equal(await renderQueryValue(rows, 'csv'), 'prefix,service_name\na,Plain\nb,"Comma, ""quoted"""\n');
  await assert.rejects(
    renderQueryValue(['a'], 'csv'),
    new UsageError('--fmt csv is only available for tables of rows (query service-table)'),
  );
});

test('json: one document, indented by four like policy_sentry', async () => {
  assert.equal(await renderQueryValue(['a', 'b'], 'json'), '[\n    "a",\n    "b"\n]\n');
  assert.equal(await renderQueryValue({}, 'json'), '{}\n');
});
