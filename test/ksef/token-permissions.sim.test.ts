// The permissions of a KSeF token, asked of KSeF (GET /tokens/{referenceNumber}): the connection
// check tells a seller that a read-only token cannot send invoices before the first send fails.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tokenReferenceNumber } from '../../src/ksef';
import { SELLER_NIP, SimHarness } from './sim-helpers';

let h: SimHarness;
beforeEach(async () => {
  h = await SimHarness.start();
});
afterEach(() => h.close());

describe('token permissions', () => {
  it('reads the permissions KSeF gave the token', async () => {
    const { token } = await h.ctl<{ token: string }>('POST', '/__sim/tokens', {
      nip: SELLER_NIP,
      permissions: ['InvoiceRead'],
    });
    expect(tokenReferenceNumber(token)).toBe(token.split('|')[0]);
    expect(await h.client(token).tokenPermissions()).toEqual(['InvoiceRead']);
    expect(await h.client(await h.token()).tokenPermissions()).toEqual(['InvoiceWrite', 'InvoiceRead']);
  });

  it('a certificate login has no token to ask about', async () => {
    expect(await h.client({ kind: 'xades-test' }).tokenPermissions()).toBeNull();
  });

  it('text that is not a token has no reference number', () => {
    expect(tokenReferenceNumber('abc|def')).toBeNull();
    expect(tokenReferenceNumber('')).toBeNull();
  });
});
