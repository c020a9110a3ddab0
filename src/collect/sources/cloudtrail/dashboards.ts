import { ListDashboardsCommand } from '@aws-sdk/client-cloudtrail';
import { cloudtrailResourcePolicySource } from './resource-policy-source.js';

/** CloudTrail Lake dashboards: their policy lets CloudTrail refresh them on a schedule. */
export const cloudtrailDashboards = cloudtrailResourcePolicySource({
  sync: 'dashboards',
  label: 'dashboard',
  resourceType: 'dashboard',
  description: 'CloudTrail Lake dashboards: resource policy, type, tags',
  listAction: 'cloudtrail:ListDashboards',
  async list(client, token) {
    const page = await client.send(new ListDashboardsCommand({ MaxResults: 1000, NextToken: token }));
    const items = (page.Dashboards ?? []).flatMap((dashboard) => {
      const arn = dashboard.DashboardArn;
      // The summary has no name; it is the ARN's last part (`dashboard/<name>`).
      return arn ? [{ arn, metadata: { name: arn.slice(arn.indexOf('dashboard/') + 10), type: dashboard.Type } }] : [];
    });
    return { items, next: page.NextToken };
  },
});
