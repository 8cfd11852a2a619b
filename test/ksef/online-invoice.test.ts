import { describe, expect, it } from 'vitest';
import { aesCbcDecrypt, cbcCiphertextSize } from '../../src/ksef/crypto';
import { fromBase64, sha256Base64, toBase64 } from '../../src/ksef/encoding';
import { invoiceSendBody, sealInvoice } from '../../src/ksef/online-invoice';

describe('online invoice body (docs/ksef-protocol.md §3.3)', () => {
  it('carries the invoice encrypted with the session key, without IV prefix, with both hashes and sizes', async () => {
    const raw = crypto.getRandomValues(new Uint8Array(32));
    const iv = crypto.getRandomValues(new Uint8Array(16));
    const aesKey = await crypto.subtle.importKey('raw', raw, { name: 'AES-CBC' }, false, ['encrypt', 'decrypt']);
    const xml = new TextEncoder().encode('<?xml version="1.0"?><Faktura>zażółć</Faktura>');
    const body = invoiceSendBody(await sealInvoice({ aesKey, ivB64: toBase64(iv) }, xml), {});
    const ciphertext = fromBase64(body.encryptedInvoiceContent);
    expect(Buffer.from(await aesCbcDecrypt(aesKey, iv, ciphertext)).equals(Buffer.from(xml))).toBe(true);
    expect(body).toEqual({
      invoiceHash: await sha256Base64(xml),
      invoiceSize: xml.byteLength,
      encryptedInvoiceHash: await sha256Base64(ciphertext),
      encryptedInvoiceSize: cbcCiphertextSize(xml.byteLength),
      encryptedInvoiceContent: body.encryptedInvoiceContent,
      offlineMode: false,
    });
    const offline = invoiceSendBody(await sealInvoice({ aesKey, ivB64: toBase64(iv) }, xml), {
      offlineMode: true,
      hashOfCorrectedInvoice: 'h',
    });
    expect([offline.offlineMode, offline.hashOfCorrectedInvoice]).toEqual([true, 'h']);
  });
});
