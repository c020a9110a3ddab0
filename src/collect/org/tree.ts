import {
  type Account,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  type OrganizationalUnit,
  type OrganizationsClient,
  type Root,
} from '@aws-sdk/client-organizations';
import { allPages } from './pages.js';

/** The organization's roots, OUs and accounts, with each one's parent. */
export interface OrganizationTree {
  roots: Root[];
  /** Every OU by id. */
  ous: Map<string, OrganizationalUnit>;
  /** Every account by id. */
  accounts: Map<string, Account>;
  /** The parent (root or OU id) of every OU and account. */
  parents: Map<string, string>;
  /** Child OU ids and account ids of every root and OU, in listing order. */
  children: Map<string, { ous: string[]; accounts: string[] }>;
}

/** Runs a task per item under the run's concurrency cap (SourceContext.map). */
export type MapLimited = <T, R>(items: readonly T[], task: (item: T) => Promise<R>) => Promise<R[]>;

/** Walks the tree breadth first, listing each level's parents in parallel. */
export async function readTree(org: OrganizationsClient, map: MapLimited): Promise<OrganizationTree> {
  const roots = await allPages(async (NextToken) => {
    const out = await org.send(new ListRootsCommand({ NextToken }));
    return { items: out.Roots, next: out.NextToken };
  });
  const tree: OrganizationTree = {
    roots,
    ous: new Map(),
    accounts: new Map(),
    parents: new Map(),
    children: new Map(),
  };
  let level = roots.flatMap((r) => (r.Id ? [r.Id] : []));
  while (level.length > 0) {
    const next: string[] = [];
    await map(level, async (parent) => {
      const [ous, accounts] = await Promise.all([
        allPages(async (NextToken) => {
          const out = await org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: parent, NextToken }));
          return { items: out.OrganizationalUnits, next: out.NextToken };
        }),
        allPages(async (NextToken) => {
          const out = await org.send(new ListAccountsForParentCommand({ ParentId: parent, NextToken }));
          return { items: out.Accounts, next: out.NextToken };
        }),
      ]);
      const entry = { ous: [] as string[], accounts: [] as string[] };
      for (const ou of ous) {
        if (!ou.Id) continue;
        tree.ous.set(ou.Id, ou);
        tree.parents.set(ou.Id, parent);
        entry.ous.push(ou.Id);
        next.push(ou.Id);
      }
      for (const account of accounts) {
        if (!account.Id) continue;
        tree.accounts.set(account.Id, account);
        tree.parents.set(account.Id, parent);
        entry.accounts.push(account.Id);
      }
      tree.children.set(parent, entry);
    });
    level = next;
  }
  return tree;
}

/** ACTIVE (not suspended or closing) accounts; `State` replaces the older `Status`. */
export function isActive(account: Account): boolean {
  return (account.State ?? account.Status) === 'ACTIVE';
}

/** The ids of a node's ancestors, nearest first (its parent OU, ..., the root). */
export function ancestors(tree: OrganizationTree, id: string): string[] {
  const out: string[] = [];
  let current = tree.parents.get(id);
  while (current) {
    out.push(current);
    current = tree.parents.get(current);
  }
  return out;
}
