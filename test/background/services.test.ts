/**
 * The pure parts of the worker's services (src/background/services/): what a print stamp says of
 * a record, the PDF's name, the seller block read from Base, the KSeF token's permissions against
 * what sending and reading need, and one outcome per invoice in a bulk action.
 */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/background/router';
import { parseSellerBlock } from '../../src/background/services/base-account';
import { eachInvoice } from '../../src/background/services/bulk';
import { withPermissions } from '../../src/background/services/connection-check';
import { printFileName, printStatus } from '../../src/background/services/invoice-print';
import { workerTexts } from '../../src/i18n/worker';
import type { InvoiceView } from '../../src/messaging';
import type { OutboxRecord } from '../../src/outbox';
import { expectNoPolish } from '../adapters/no-polish';

describe('printStatus', () => {
  const cases: [OutboxRecord['state'], boolean, string][] = [
    ['accepted', false, 'accepted'],
    // Accepted wins over offline: the KSeF number is known.
    ['accepted', true, 'accepted'],
    ['processing', true, 'offline'],
    ['rejected', true, 'offline'],
    ['rejected', false, 'rejected'],
    ['processing', false, 'pending'],
    ['queued', false, 'pending'],
    ['needs-attention', false, 'pending'],
  ];
  it.each(cases)('%s, offline %s: %s', (state, offline, expected) => {
    expect(printStatus({ state, offline })).toBe(expected);
  });
});

describe('printFileName', () => {
  it('makes the invoice number safe for a file name, or uses the id without one', () => {
    expect(printFileName({ invoiceId: '7', number: 'FV/12/05/2026' })).toBe('FV_12_05_2026-KSeF.pdf');
    expect(printFileName({ invoiceId: '7', number: '' })).toBe('7-KSeF.pdf');
  });
});

describe('parseSellerBlock', () => {
  it('reads the name, two address lines and the NIP line wherever it stands', () => {
    expect(parseSellerBlock('Sklep Sp. z o.o.\r\nNIP: 526-104-08-28\r\nul. Prosta 1\r\n00-001 Warszawa\r\n')).toEqual({
      name: 'Sklep Sp. z o.o.',
      addressL1: 'ul. Prosta 1',
      addressL2: '00-001 Warszawa',
      nip: '5261040828',
    });
  });
  it('leaves out a NIP that is not ten digits, and copes with an empty block', () => {
    expect(parseSellerBlock('Sklep\nNIP 123')).toEqual({ name: 'Sklep', addressL1: '', addressL2: '' });
    expect(parseSellerBlock('')).toEqual({ name: '', addressL1: '', addressL2: '' });
  });
});

describe('withPermissions', () => {
  const t = workerTexts('pl');
  it('refuses a token that cannot send, and warns when it cannot read', () => {
    const noWrite = withPermissions('OK.', ['InvoiceRead'], t);
    expect(noWrite.ok).toBe(false);
    expect(noWrite.permissions).toEqual({ present: ['InvoiceRead'], missing: ['InvoiceWrite'] });
    const noRead = withPermissions('OK.', ['InvoiceWrite'], t);
    expect(noRead).toMatchObject({ ok: true, permissions: { missing: ['InvoiceRead'] } });
    expect(noRead.message.startsWith('OK. ')).toBe(true);
  });
  it('takes the owner for every permission, and says when KSeF could not tell', () => {
    expect(withPermissions('OK.', ['Owner'], t)).toMatchObject({ ok: true, permissions: { missing: [] } });
    expect(withPermissions('OK.', undefined, t)).toEqual({ ok: true, message: `OK. ${t('ksefPermsUnknown')}` });
    // A certificate login: no token permissions to show.
    expect(withPermissions('OK.', null, t)).toEqual({ ok: true, message: 'OK.' });
  });
});

describe('eachInvoice', () => {
  const views = { viewOf: async (id: string): Promise<InvoiceView> => ({ invoiceId: id, number: `FV/${id}` }) };

  it('gives one outcome per distinct invoice, with the reason of a refusal or of a send that needs the seller', async () => {
    const acted: string[] = [];
    const results = await eachInvoice(
      ['1', '2', '1', '3', '4'],
      views,
      async (id) => {
        acted.push(id);
        if (id === '2') throw new UserError('Faktura jest już w KSeF.', 'bad-request');
        if (id === '3') return { invoiceId: id, number: 'FV/3', state: 'needs-attention', reason: 'Brak NIP nabywcy.' };
        if (id === '4')
          return { invoiceId: id, number: 'FV/4', state: 'needs-attention', skipped: { reason: 'poza KSeF', at: '' } };
        return { invoiceId: id, number: 'FV/1', state: 'processing' };
      },
      'pl',
    );
    expect(acted).toEqual(['1', '2', '3', '4']);
    expect(results.map((r) => [r.invoiceId, r.ok, r.message])).toEqual([
      ['1', true, undefined],
      ['2', false, 'Faktura jest już w KSeF.'],
      ['3', false, 'Brak NIP nabywcy.'],
      ['4', true, undefined],
    ]);
    // A refused invoice still comes back as it stands.
    expect(results[1]?.item).toEqual({ invoiceId: '2', number: 'FV/2' });
  });

  it('an unexpected failure is worded in the UI language, not shown raw', async () => {
    const fail = async () => {
      throw new TypeError('Cannot read properties of undefined (reading "x")');
    };
    const [en] = await eachInvoice(['7'], views, fail, 'en');
    const [pl] = await eachInvoice(['7'], views, fail, 'pl');
    expect(en?.ok).toBe(false);
    expect(en?.message).not.toContain('Cannot read');
    expectNoPolish(en?.message ?? '');
    expect(pl?.message).not.toContain('Cannot read');
    expect(pl?.message).not.toBe(en?.message);
  });
});
