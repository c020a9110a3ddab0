/**
 * HTTP-level emulations for the Aurora DSQL and Rekognition sources, answered in each service's wire
 * format (DSQL: REST-JSON; Rekognition: JSON 1.1, target `RekognitionService.*`) so the real SDK
 * clients parse real bytes, and the all-services world's seeds for DSQL, Rekognition and Comprehend.
 *
 * moto 5.2 has DSQL clusters but no ListClusters and no cluster policies, and no Rekognition
 * projects at all: both are emulated over a `BacklogState` (tests add clusters and projects to the
 * state directly). moto holds Comprehend's document classifiers, entity recognizers, their tags and
 * resource policies (its classifier ARNs name the version without AWS's `/version/` segment); only its DescribeResourcePolicy answer needs its dates mended.
 */
import { createHash } from 'node:crypto';
import {
  ComprehendClient,
  CreateDocumentClassifierCommand,
  CreateEntityRecognizerCommand,
  PutResourcePolicyCommand,
} from '@aws-sdk/client-comprehend';
import type { BacklogState } from './backlog-emulators.js';
import { callerAccount } from './emulators.js';
import { type Emulator, errorResponse, type ProxyRequest, type ProxyResponse } from './proxy.js';
import { type ResourceSeedTarget, seedClientConfig } from './resource-seeds.js';

function input(request: ProxyRequest): Record<string, unknown> {
  const text = request.body.toString('utf8').trim();
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/** A JSON answer (in the request's content type for JSON 1.1); undefined members left out, as AWS does. */
function json(request: ProxyRequest, value: Record<string, unknown>): ProxyResponse {
  const contentType =
    request.protocol === 'json'
      ? String(request.headers['content-type'] ?? 'application/x-amz-json-1.1')
      : 'application/json';
  const defined = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
  return { status: 200, headers: { 'content-type': contentType }, body: JSON.stringify(defined) };
}

/** One page from a numeric token (the index of the first item). */
function page<T>(items: readonly T[], token: unknown, size: unknown): { items: T[]; next: string | undefined } {
  const start = typeof token === 'string' && token !== '' ? Number(token) : 0;
  const end = start + (typeof size === 'number' && size > 0 ? size : 100);
  return { items: items.slice(start, end), next: end < items.length ? String(end) : undefined };
}

/** A revision id that depends on the document only, so collected trees repeat run after run. */
function revisionOf(document: string): string {
  return createHash('sha256').update(document).digest('hex').slice(0, 32);
}

// ---------------------------------------------------------------------------------------------------
// Aurora DSQL

/**
 * Aurora DSQL over `state` (clusters: `arn:aws:dsql:<region>:<account>:cluster/<identifier>`, no
 * attributes needed): ListClusters, Get/Put/DeleteClusterPolicy (`{policy, policyVersion}`;
 * ResourceNotFoundException, as AWS, when the cluster or its policy does not exist) and
 * ListTagsForResource (`{tags}`).
 */
export function dsqlEmulator(state: BacklogState): Emulator {
  return async (request, context) => {
    if (request.service !== 'dsql') return undefined;
    const prefix = `arn:aws:dsql:${request.region}:${await callerAccount(request, context)}:cluster/`;
    const notFound = (what: string) => errorResponse(request, 404, 'ResourceNotFoundException', `${what} not found`);
    if (request.method === 'GET' && request.path === '/cluster') {
      const query = request.query;
      const maxResults = query.has('max-results') ? Number(query.get('max-results')) : undefined;
      const { items, next } = page(state.list(prefix), query.get('next-token') ?? undefined, maxResults);
      return json(request, {
        clusters: items.map((cluster) => ({ identifier: cluster.arn.slice(prefix.length), arn: cluster.arn })),
        nextToken: next,
      });
    }
    const policyPath = /^\/cluster\/([^/]+)\/policy$/.exec(request.path);
    if (policyPath) {
      const arn = `${prefix}${decodeURIComponent(policyPath[1] ?? '')}`;
      if (!state.resources.has(arn)) return notFound(`Cluster ${arn}`);
      const policy = state.policies.get(arn);
      switch (request.method) {
        case 'GET':
          return policy === undefined
            ? notFound(`Policy of cluster ${arn}`)
            : json(request, { policy, policyVersion: revisionOf(policy) });
        case 'POST': {
          const text = String(input(request).policy);
          state.setPolicy(arn, text);
          return json(request, { policyVersion: revisionOf(text) });
        }
        case 'DELETE':
          if (policy === undefined) return notFound(`Policy of cluster ${arn}`);
          state.policies.delete(arn);
          return json(request, { policyVersion: revisionOf(policy) });
        default:
          return undefined;
      }
    }
    if (request.method === 'GET' && request.path.startsWith('/tags/')) {
      const arn = decodeURIComponent(request.path.slice('/tags/'.length));
      if (!state.resources.has(arn)) return notFound(`Resource ${arn}`);
      return json(request, { tags: state.tags.get(arn) ?? {} });
    }
    return undefined;
  };
}

// ---------------------------------------------------------------------------------------------------
// Rekognition

/** The key of one project policy in `state.policies`: `<project ARN>#<policy name>`. */
const projectPolicyKey = (projectArn: string, name: string) => `${projectArn}#${name}`;

/**
 * Rekognition Custom Labels projects over `state` (`arn:aws:rekognition:<region>:<account>:project/
 * <name>/<creation epoch ms>`, attributes `{CreationTimestamp (epoch seconds), Status, Feature}`):
 * DescribeProjects, and ListProjectPolicies / PutProjectPolicy / DeleteProjectPolicy with the
 * project's named policies kept in `state.policies` under `<project ARN>#<name>` (listed by name;
 * ResourceNotFoundException when the project or the policy does not exist).
 */
export function rekognitionEmulator(state: BacklogState): Emulator {
  return async (request, context) => {
    if (request.service !== 'rekognition') return undefined;
    const body = input(request);
    const notFound = (what: string) => errorResponse(request, 400, 'ResourceNotFoundException', `${what} not found`);
    const projectPolicies = (arn: string) =>
      [...state.policies.entries()]
        .filter(([key]) => key.startsWith(`${arn}#`))
        .map(([key, document]) => ({ name: key.slice(arn.length + 1), document }))
        .sort((a, b) => (a.name < b.name ? -1 : 1));
    switch (request.operation) {
      case 'rekognition:DescribeProjects': {
        const prefix = `arn:aws:rekognition:${request.region}:${await callerAccount(request, context)}:project/`;
        const { items, next } = page(state.list(prefix), body.NextToken, body.MaxResults);
        return json(request, {
          ProjectDescriptions: items.map((project) => ({ ProjectArn: project.arn, ...project.attributes })),
          NextToken: next,
        });
      }
      case 'rekognition:ListProjectPolicies': {
        const arn = String(body.ProjectArn);
        if (!state.resources.has(arn)) return notFound(`Project ${arn}`);
        const { items, next } = page(projectPolicies(arn), body.NextToken, body.MaxResults);
        return json(request, {
          ProjectPolicies: items.map((policy) => ({
            ProjectArn: arn,
            PolicyName: policy.name,
            PolicyRevisionId: revisionOf(policy.document),
            PolicyDocument: policy.document,
            CreationTimestamp: 1700000000,
            LastUpdatedTimestamp: 1700000000,
          })),
          NextToken: next,
        });
      }
      case 'rekognition:PutProjectPolicy': {
        const arn = String(body.ProjectArn);
        if (!state.resources.has(arn)) return notFound(`Project ${arn}`);
        const document = String(body.PolicyDocument);
        state.policies.set(projectPolicyKey(arn, String(body.PolicyName)), document);
        return json(request, { PolicyRevisionId: revisionOf(document) });
      }
      case 'rekognition:DeleteProjectPolicy': {
        const key = projectPolicyKey(String(body.ProjectArn), String(body.PolicyName));
        return state.policies.delete(key) ? json(request, {}) : notFound(`Policy ${key}`);
      }
      default:
        return undefined;
    }
  };
}

// ---------------------------------------------------------------------------------------------------
// Comprehend

/**
 * Comprehend DescribeResourcePolicy through moto, with `CreationTime` and `LastModifiedTime` as AWS
 * sends JSON 1.1 timestamps (epoch seconds): moto 5.2 sends ISO strings, which the SDK rejects.
 */
export function comprehendEmulator(): Emulator {
  return async (request, context) => {
    if (request.operation !== 'comprehend:DescribeResourcePolicy') return undefined;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined && name !== 'connection') headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const answer = await context.upstream({ method: request.method, path: request.url, headers, body: request.body });
    if (answer.status !== 200) {
      const contentType = String(answer.headers['content-type'] ?? 'application/x-amz-json-1.1');
      return { status: answer.status, headers: { 'content-type': contentType }, body: answer.body };
    }
    const out = JSON.parse(answer.body.toString('utf8')) as Record<string, unknown>;
    for (const key of ['CreationTime', 'LastModifiedTime']) {
      if (typeof out[key] === 'string') out[key] = Date.parse(out[key] as string) / 1000;
    }
    return json(request, out);
  };
}

// ---------------------------------------------------------------------------------------------------
// Seeds of the all-services world

/** A policy letting the account 111122223333 use `resource` with `actions`. */
function sharedWith(resource: string, actions: string[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: actions, Resource: resource },
    ],
  });
}

/** In every region of the target: a DSQL cluster (in `state`) with a resource policy and a `seeded: "true"` tag. */
export function seedDsql(target: { account: string; regions: string[] }, state: BacklogState): void {
  for (const region of target.regions) {
    const arn = `arn:aws:dsql:${region}:${target.account}:cluster/seededclusterid0000000000`;
    state.add(arn, {}, { policy: sharedWith(arn, ['dsql:DbConnect']), tags: { seeded: 'true' } });
  }
}

/** In every region of the target: a Custom Labels project (in `state`) with one project policy. */
export function seedRekognition(target: { account: string; regions: string[] }, state: BacklogState): void {
  for (const region of target.regions) {
    const arn = `arn:aws:rekognition:${region}:${target.account}:project/seeded-labels/1700000000000`;
    state.add(arn, { CreationTimestamp: 1700000000, Status: 'CREATED', Feature: 'CUSTOM_LABELS' });
    state.policies.set(
      projectPolicyKey(arn, 'seeded-copy'),
      sharedWith(`${arn.slice(0, arn.lastIndexOf('/'))}/version/*`, ['rekognition:CopyProjectVersion']),
    );
  }
}

/**
 * In every region of the target (moto): a document classifier and an entity recognizer, each with a
 * resource policy and a `seeded: "true"` tag.
 */
export async function seedComprehend(target: ResourceSeedTarget & { regions: string[] }): Promise<void> {
  const tags = [{ Key: 'seeded', Value: 'true' }];
  const role = 'arn:aws:iam::123456789012:role/comprehend-training';
  for (const region of target.regions) {
    const client = new ComprehendClient(seedClientConfig(target, region));
    const classifier = await client.send(
      new CreateDocumentClassifierCommand({
        DocumentClassifierName: 'seeded-classifier',
        VersionName: 'v1',
        DataAccessRoleArn: role,
        LanguageCode: 'en',
        InputDataConfig: { S3Uri: 's3://seeded-training/classifier.csv' },
        Tags: tags,
      }),
    );
    const recognizer = await client.send(
      new CreateEntityRecognizerCommand({
        RecognizerName: 'seeded-recognizer',
        VersionName: 'v1',
        DataAccessRoleArn: role,
        LanguageCode: 'en',
        InputDataConfig: {
          EntityTypes: [{ Type: 'PRODUCT' }],
          Documents: { S3Uri: 's3://seeded-training/documents.txt' },
          EntityList: { S3Uri: 's3://seeded-training/entities.csv' },
        },
        Tags: tags,
      }),
    );
    for (const arn of [classifier.DocumentClassifierArn, recognizer.EntityRecognizerArn]) {
      await client.send(
        new PutResourcePolicyCommand({
          ResourceArn: String(arn),
          ResourcePolicy: sharedWith(String(arn), ['comprehend:ImportModel']),
        }),
      );
    }
    client.destroy();
  }
}
