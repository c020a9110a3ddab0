/**
 * Every source against canned AWS responses: one fixture per case in test/fixtures/collect/sources/,
 * holding the responses (by operation, optionally matched on input) and the whole expected result.
 * `UPDATE_GOLDEN=1` rewrites the expected results.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { mapLimit } from '../../src/collect/run/limiter.js';
import { SOURCES } from '../../src/collect/sources/registry.js';
import type { SourceContext } from '../../src/collect/sources/types.js';

const FIXTURES = new URL('../fixtures/collect/sources', import.meta.url).pathname;

interface CannedCall {
  input?: Record<string, unknown>;
  output?: unknown;
  error?: { name: string; message: string; status?: number };
}

interface Fixture {
  description: string;
  source: string;
  account: string;
  accounts?: string[];
  options?: Record<string, unknown>;
  responses: Record<string, CannedCall[]>;
  expected?: unknown;
}

/** `subset` holds only keys whose values equal the same keys of `value`. */
function matches(subset: Record<string, unknown> | undefined, value: Record<string, unknown>): boolean {
  return Object.entries(subset ?? {}).every(([key, v]) => JSON.stringify(value[key]) === JSON.stringify(v));
}

function fakeClient(responses: Record<string, CannedCall[]>, calls: string[]) {
  return {
    middlewareStack: { add() {} },
    destroy() {},
    async send(command: { constructor: { name: string }; input: Record<string, unknown> }) {
      const operation = command.constructor.name.replace(/Command$/, '');
      calls.push(operation);
      const canned = responses[operation]?.find((call) => matches(call.input, command.input));
      if (!canned) throw new Error(`no canned response for ${operation} ${JSON.stringify(command.input)}`);
      if (canned.error) {
        throw Object.assign(new Error(canned.error.message), {
          name: canned.error.name,
          $metadata: { httpStatusCode: canned.error.status ?? 400 },
        });
      }
      return structuredClone(canned.output ?? {});
    },
  };
}

for (const file of readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const path = join(FIXTURES, file);
  const fixture = JSON.parse(readFileSync(path, 'utf8')) as Fixture;
  it(`${fixture.source}: ${fixture.description} (${file})`, async () => {
    const source = SOURCES.find((s) => s.name === fixture.source);
    assert.ok(source, `no source ${fixture.source}`);
    const calls: string[] = [];
    const shared = new Map<string, Promise<unknown>>();
    const client = fakeClient(fixture.responses, calls);
    const ctx: SourceContext = {
      account: fixture.account,
      partition: 'aws',
      region: 'us-east-1',
      options: fixture.options ?? {},
      accounts: fixture.accounts ?? [fixture.account],
      client: (() => client) as unknown as SourceContext['client'],
      map: (items, task) => mapLimit(items, 4, task),
      once: (key, task) => {
        if (!shared.has(key)) shared.set(key, task());
        return shared.get(key) as ReturnType<typeof task>;
      },
    };
    let actual: unknown;
    try {
      actual = JSON.parse(JSON.stringify(await source.collect(ctx)));
    } catch (error) {
      actual = { error: `${(error as Error).name}: ${(error as Error).message}` };
    }
    if (process.env.UPDATE_GOLDEN) {
      fixture.expected = actual;
      writeFileSync(path, `${JSON.stringify(fixture, null, 2)}\n`);
    }
    assert.deepEqual(actual, fixture.expected);
  });
}
