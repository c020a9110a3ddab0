import {
  GetAuthPolicyCommand,
  GetResourcePolicyCommand,
  ListTagsForResourceCommand,
  VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import { FieldCollector } from '../fields.js';
import { allPages, policyDocument, readResourceField, tagsMap } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';

interface LatticeItem {
  arn?: string | undefined;
  id?: string | undefined;
  name?: string | undefined;
}

/**
 * A VPC Lattice resource type with both policies Lattice has: the auth policy (who may call it, when
 * its auth type is AWS_IAM) and the resource policy (which accounts it is shared with, through RAM),
 * plus tags. The listing gives ARNs; each policy and the tags cost one call per resource.
 */
export function latticeSource(spec: {
  sync: string;
  label: string;
  resourceType: string;
  description: string;
  listAction: string;
  list(client: VPCLatticeClient, token: string | undefined): Promise<{ items?: LatticeItem[]; nextToken?: string }>;
}): Source {
  return {
    name: `vpc-lattice/${spec.sync}`,
    service: 'vpc-lattice',
    scope: 'regional',
    description: spec.description,
    apiCalls: [
      `vpc-lattice:${spec.listAction}`,
      'vpc-lattice:GetAuthPolicy',
      'vpc-lattice:GetResourcePolicy',
      'vpc-lattice:ListTagsForResource',
    ],
    stores: [
      {
        label: spec.label,
        service: 'vpc-lattice',
        resourceType: spec.resourceType,
        files: ['metadata', 'auth-policy', 'policy', 'tags'],
      },
    ],

    async collect(ctx) {
      const client = ctx.client(VPCLatticeClient);
      const pages = await allPages(
        (token) => spec.list(client, token),
        (page) => page.nextToken,
      );
      const items = pages.flatMap((page) => page.items ?? []).filter((item) => item.arn);
      const records = await ctx.map(items, async (item) => {
        const arn = item.arn as string;
        const fields = new FieldCollector(arn);
        const [auth, policy, tags] = await Promise.all([
          readResourceField(() => client.send(new GetAuthPolicyCommand({ resourceIdentifier: arn }))),
          readResourceField(() => client.send(new GetResourcePolicyCommand({ resourceArn: arn }))),
          readResourceField(() => client.send(new ListTagsForResourceCommand({ resourceArn: arn }))),
        ]);
        fields.files.metadata = { arn, id: item.id, name: item.name };
        fields.set('auth-policy', auth, (out) => policyDocument(out.policy));
        fields.set('policy', policy, (out) => policyDocument(out.policy));
        fields.set('tags', tags, (out) => tagsMap(out.tags));
        return fields;
      });
      return recordsResult(records);
    },
  };
}
