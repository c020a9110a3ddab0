/**
 * acm-pca/certificateAuthorities against moto: an active CA (a real certificate imported) with its
 * resource policy and tags, a CA pending its certificate, deletion on the next run, AccessDenied on
 * one CA's policy.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import {
  ACMPCAClient,
  CreateCertificateAuthorityCommand,
  DeleteCertificateAuthorityCommand,
  DeletePolicyCommand,
  ImportCertificateAuthorityCertificateCommand,
  PutPolicyCommand,
  UntagCertificateAuthorityCommand,
} from '@aws-sdk/client-acm-pca';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

/** A self-signed CA certificate (moto checks that an imported certificate parses). */
const CERTIFICATE = readFileSync(new URL('../moto/fixtures/acm-pca/ca-certificate.pem', import.meta.url));
const root = `aws/aws/accounts/${ACCOUNT}/acm-pca/us-east-1/certificate-authority`;
const issuePolicy = (arn: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'IssueFromWorkloads',
      Effect: 'Allow',
      Principal: { AWS: '111122223333' },
      Action: ['acm-pca:DescribeCertificateAuthority', 'acm-pca:GetCertificate', 'acm-pca:IssueCertificate'],
      Resource: arn,
    },
  ],
});

let h: ResourceHarness;
let first: Collected;
let pca: ACMPCAClient;
const arns: Record<string, string> = {};
/** CA ids are random: the golden files hold names in their place. */
const stable = (tree: Map<string, string>) =>
  new Map(
    [...tree].map(([path, text]) => {
      let [p, t] = [path, text];
      for (const [name, arn] of Object.entries(arns)) {
        const id = arn.split('/')[1] ?? '';
        p = p.replaceAll(id, `${name}-ca-id`);
        t = t.replaceAll(id, `${name}-ca-id`);
      }
      return [p, t];
    }),
  );

before(async () => {
  h = await startResourceHarness();
  pca = new ACMPCAClient(h.clientConfig);
  for (const name of ['issuing', 'pending']) {
    const created = await pca.send(
      new CreateCertificateAuthorityCommand({
        CertificateAuthorityType: 'ROOT',
        CertificateAuthorityConfiguration: {
          KeyAlgorithm: 'RSA_2048',
          SigningAlgorithm: 'SHA256WITHRSA',
          Subject: { CommonName: `${name}.example.internal` },
        },
        ...(name === 'issuing'
          ? {
              Tags: [
                { Key: 'team', Value: 'pki' },
                { Key: 'tier', Value: 'prod' },
              ],
            }
          : {}),
      }),
    );
    arns[name] = created.CertificateAuthorityArn ?? '';
  }
  await pca.send(
    new ImportCertificateAuthorityCertificateCommand({
      CertificateAuthorityArn: arns.issuing,
      Certificate: CERTIFICATE,
    }),
  );
  await pca.send(
    new PutPolicyCommand({ ResourceArn: arns.issuing, Policy: JSON.stringify(issuePolicy(arns.issuing ?? '')) }),
  );
});

after(async () => {
  pca?.destroy();
  await h?.stop();
});

describe('acm-pca/certificateAuthorities (moto)', () => {
  test('collects every CA: metadata, resource policy, tags', async () => {
    first = await h.collect('run', ['acm-pca']);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    assert.deepEqual(first.job('acm-pca', 'certificateAuthorities'), {
      status: 'collected',
      counts: { certificateAuthority: 2 },
    });
    await assertGoldenTree(stable(first.tree), goldenFolder('acm-pca'));
    const id = arns.issuing?.split('/')[1];
    assert.deepEqual(
      JSON.parse(first.tree.get(`${root}/${id}/policy.json`) ?? 'null'),
      issuePolicy(arns.issuing ?? ''),
    );
  });

  test("AccessDenied on one CA's policy: the CA is kept, its stored policy untouched, the gap recorded", async () => {
    const allow = h.deny((r) => r.operation === 'acm-pca:GetPolicy' && r.body.toString().includes(arns.issuing ?? '-'));
    const denied = await h.collect('run', ['acm-pca']).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('acm-pca', 'certificateAuthorities').issues, [
      {
        kind: 'denied',
        arn: arns.issuing,
        field: 'policy',
        message: 'AccessDeniedException: User is not authorized to perform acm-pca:GetPolicy',
      },
    ]);
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted CA, a removed policy and removed tags disappear on the next run', async () => {
    await pca.send(new DeleteCertificateAuthorityCommand({ CertificateAuthorityArn: arns.pending }));
    await pca.send(new DeletePolicyCommand({ ResourceArn: arns.issuing }));
    await pca.send(
      new UntagCertificateAuthorityCommand({ CertificateAuthorityArn: arns.issuing, Tags: [{ Key: 'tier' }] }),
    );
    const next = await h.collect('run', ['acm-pca']);
    assert.equal(next.result.exitCode, 0);
    const id = arns.issuing?.split('/')[1];
    const expected = without(first.tree, `acm-pca/us-east-1/certificate-authority/${arns.pending?.split('/')[1]}`);
    expected.delete(`${root}/${id}/policy.json`);
    expected.set(`${root}/${id}/tags.json`, JSON.stringify({ team: 'pki' }, null, 2));
    assert.deepEqual(next.tree, expected);
  });
});
