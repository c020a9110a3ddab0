import { GetResourcePoliciesCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { allPages, policyDocument } from '../policy-fields.js';

/** One Systems Manager resource policy as stored: RAM writes one per resource share. */
export interface StoredSsmPolicy {
  readonly PolicyId: string | undefined;
  readonly PolicyDocument: unknown;
}

/**
 * The resource policies of one Systems Manager resource (an advanced parameter, the OpsItemGroup),
 * or undefined when it has none (the `policies` file is then deleted).
 */
export async function ssmResourcePolicies(client: SSMClient, arn: string): Promise<StoredSsmPolicy[] | undefined> {
  const pages = await allPages(
    (token) => client.send(new GetResourcePoliciesCommand({ ResourceArn: arn, MaxResults: 50, NextToken: token })),
    (page) => page.NextToken,
  );
  const policies = pages
    .flatMap((page) => page.Policies ?? [])
    .map((p) => ({ PolicyId: p.PolicyId, PolicyDocument: policyDocument(p.Policy) }))
    .filter((p) => p.PolicyDocument !== undefined);
  return policies.length > 0 ? policies : undefined;
}
