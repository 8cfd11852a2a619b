// KSeF certificates of the subject: list Offline certificates (serial, name, validity, status) across
// pages, and retrieve a certificate by serial.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SELLER_NIP, SimHarness } from './sim-helpers';

let h: SimHarness;
beforeEach(async () => {
  h = await SimHarness.start();
});
afterEach(() => h.close());

interface Seeded {
  serialNumber: string;
  certificatePem: string;
}

describe('certificates', () => {
  it('lists only Offline certificates, with serial, name, validity and status; retrieves one by serial', async () => {
    const offline = await h.ctl<Seeded>('POST', '/__sim/certificates', {
      nip: SELLER_NIP,
      type: 'Offline',
      name: 'Kasa 1',
    });
    await h.ctl('POST', '/__sim/certificates', { nip: SELLER_NIP, type: 'Authentication', name: 'Logowanie' });
    await h.ctl('POST', '/__sim/certificates', { nip: '1111111111', type: 'Offline', name: 'Obcy' });
    const client = h.client(await h.token());
    const list = await client.queryCertificates({ type: 'Offline' });
    expect(list).toHaveLength(1);
    const c = list[0]!;
    expect(c).toMatchObject({ serialNumber: offline.serialNumber, name: 'Kasa 1', type: 'Offline', status: 'Active' });
    expect(Date.parse(c.validFrom)).toBeLessThan(Date.parse(c.validTo));

    const [got] = await client.retrieveCertificates([c.serialNumber]);
    const pemB64 = offline.certificatePem.replace(/-----[^-]+-----|\s+/g, '');
    expect(got).toMatchObject({ serialNumber: offline.serialNumber, type: 'Offline', certificateDerB64: pemB64 });
  });

  it('follows hasMore across pages', async () => {
    const serials = new Set<string>();
    for (let i = 0; i < 53; i++) {
      const s = await h.ctl<Seeded>('POST', '/__sim/certificates', {
        nip: SELLER_NIP,
        type: 'Offline',
        name: `Cert ${i}`,
      });
      serials.add(s.serialNumber);
    }
    const client = h.client(await h.token());
    const list = await client.queryCertificates({ type: 'Offline', status: 'Active' });
    expect(new Set(list.map((c) => c.serialNumber))).toEqual(serials);
    const pages = (await h.requests()).filter((r) => r.path.includes('/certificates/query'));
    expect(pages).toHaveLength(2);
  });
});
