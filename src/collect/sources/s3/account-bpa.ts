import { GetPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { accountFileKey } from '../../../storage/layout.js';
import { classifyError } from '../../aws/errors.js';
import type { Source } from '../types.js';

/** The account-level S3 Block Public Access settings, stored as the account file `s3-bpa.json`. */
export const accountBpa: Source = {
  name: 's3/accountBpa',
  service: 's3',
  scope: 'global',
  description: 'S3 account-level Block Public Access settings',
  apiCalls: ['s3:GetAccountPublicAccessBlock'],
  stores: [],

  async collect(ctx) {
    const s3control = ctx.client(S3ControlClient, 's3control');
    let settings: unknown;
    try {
      const out = await s3control.send(new GetPublicAccessBlockCommand({ AccountId: ctx.account }));
      settings = out.PublicAccessBlockConfiguration;
    } catch (error) {
      // NoSuchPublicAccessBlockConfiguration: none set, so the stored file goes.
      if (classifyError(error) !== 'absent') throw error;
    }
    return { files: [{ key: accountFileKey(ctx.partition, ctx.account, 's3-bpa'), value: settings }] };
  },
};
