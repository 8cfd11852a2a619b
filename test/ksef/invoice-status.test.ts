import { describe, expect, it } from 'vitest';
import { ksefStatusText } from '../../src/i18n/errors';
import { ProtocolError } from '../../src/ksef/errors';
import { interpretInvoiceStatus, type SessionInvoiceStatus } from '../../src/ksef/invoice-status';

const base = (
  status: SessionInvoiceStatus['status'],
  extra: Partial<SessionInvoiceStatus> = {},
): SessionInvoiceStatus => ({
  ordinalNumber: 1,
  referenceNumber: '20250625-EE-319D7EE000-B67F415CDC-2C',
  invoiceHash: 'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=',
  invoicingDate: '2025-06-25T10:00:00Z',
  status,
  ...extra,
});

describe('interpretInvoiceStatus (docs/ksef-protocol.md §3.4)', () => {
  it('100/150 are processing', () => {
    for (const code of [100, 150]) {
      expect(interpretInvoiceStatus(base({ code, description: 'x' }))).toMatchObject({ state: 'processing', code });
    }
  });
  it('200 carries KSeF number, acquisition date and invoicing mode', () => {
    const o = interpretInvoiceStatus(
      base(
        { code: 200, description: 'Sukces' },
        {
          ksefNumber: '5265877635-20250626-010080DD2B5E-26',
          acquisitionDate: '2025-06-26T10:00:01Z',
          invoicingMode: 'Online',
          upoDownloadUrl: 'https://api-test.ksef.mf.gov.pl/upo',
        },
      ),
    );
    expect(o).toEqual({
      state: 'accepted',
      referenceNumber: '20250625-EE-319D7EE000-B67F415CDC-2C',
      ksefNumber: '5265877635-20250626-010080DD2B5E-26',
      acquisitionDate: '2025-06-26T10:00:01Z',
      invoicingMode: 'Online',
      invoiceNumber: undefined,
      upoDownloadUrl: 'https://api-test.ksef.mf.gov.pl/upo',
    });
  });
  it('200 without a KSeF number is a protocol error, not a silent success', () => {
    expect(() => interpretInvoiceStatus(base({ code: 200, description: 'Sukces' }))).toThrow(ProtocolError);
  });
  it('440 is a duplicate carrying the ORIGINAL KSeF number and session, details verbatim', () => {
    const status = {
      code: 440,
      description: 'Duplikat faktury',
      details: ['Duplikat faktury. Faktura o numerze KSeF: 5265877635-20250626-010080DD2B5E-26 …'],
      extensions: {
        originalSessionReferenceNumber: '20250626-SO-2F14610000-242991F8C9-B3',
        originalKsefNumber: '5265877635-20250626-010080DD2B5E-26',
      },
    };
    const o = interpretInvoiceStatus(base(status, { invoiceNumber: 'FA/1' }));
    expect(o).toMatchObject({
      state: 'duplicate',
      ksefNumber: '5265877635-20250626-010080DD2B5E-26',
      originalSessionReferenceNumber: '20250626-SO-2F14610000-242991F8C9-B3',
      invoiceNumber: 'FA/1',
      status,
    });
  });
  it.each([405, 410, 415, 430, 435, 450, 500, 550])('%i is a rejection with a Polish explanation', (code) => {
    const status = { code, description: 'opis KSeF', details: ['szczegół 1', 'szczegół 2'] };
    const o = interpretInvoiceStatus(base(status));
    expect(o).toMatchObject({ state: 'rejected', code, status });
    if (o.state === 'rejected') expect(o.explanation).toBe(ksefStatusText(code, 'pl'));
  });
  it('an unknown final code is still a typed rejection', () => {
    const o = interpretInvoiceStatus(base({ code: 499, description: 'nowy kod' }));
    expect(o).toMatchObject({ state: 'rejected', code: 499, retryable: false });
    if (o.state === 'rejected') expect(o.explanation).toContain('499');
  });
});
