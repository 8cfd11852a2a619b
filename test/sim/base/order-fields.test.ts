/** The Base fake's order extra fields: files only in file fields, only in Base's `data:` + base64 form, up to 2 MB. */
import { describe, expect, it } from 'vitest';
import { FILE_FIELD_MAX_BYTES, OrderFields } from './order-fields';

const exists = (id: number) => id === 7;
const data = (bytes: Uint8Array) => `data:${Buffer.from(bytes).toString('base64')}`;

describe('Base fake: setOrderFields with a file extra field', () => {
  it('stores a file given as {title, file: "data:" + base64} and shows its title and size', () => {
    const f = new OrderFields();
    const pdf = new TextEncoder().encode('%PDF-1.7 test');
    expect(
      f.set({ order_id: 7, custom_extra_fields: { 1103: { title: 'FV_1-KSeF.pdf', file: data(pdf) } } }, exists),
    ).toBe(undefined);
    expect(f.values.get(7)).toEqual({ 1103: { title: 'FV_1-KSeF.pdf', size: pdf.length } });
    expect(new Uint8Array(f.files.get('7/1103')!.bytes)).toEqual(pdf);
  });

  it('refuses what Base would not take, and stores nothing of a refused call', () => {
    const f = new OrderFields();
    const ok = { title: 'a.pdf', file: data(new Uint8Array([1, 2, 3])) };
    const refused = (extra: Record<string, unknown>) => f.set({ order_id: 7, custom_extra_fields: extra }, exists)?.[0];
    expect(refused({ 1103: 'text in a file field' })).toBe('ERROR_PARAMETERS');
    expect(refused({ 1103: { file: ok.file } })).toBe('ERROR_PARAMETERS');
    expect(refused({ 1103: { title: 'a.pdf', file: Buffer.from('x').toString('base64') } })).toBe('ERROR_PARAMETERS');
    expect(refused({ 1103: { title: 'a.pdf', file: 'data:not base64!' } })).toBe('ERROR_PARAMETERS');
    expect(refused({ 1103: { title: 'a.pdf', file: data(new Uint8Array(FILE_FIELD_MAX_BYTES + 1)) } })).toBe(
      'ERROR_PARAMETERS',
    );
    expect(refused({ 1101: ok })).toBe('ERROR_PARAMETERS');
    expect(refused({ 1101: 'ok', 9999: 'x' })).toBe('ERROR_EXTRA_FIELD_NOT_FOUND');
    expect(f.values.size).toBe(0);
    expect(f.files.size).toBe(0);
    expect(refused({ 1103: { title: 'b.pdf', file: data(new Uint8Array(FILE_FIELD_MAX_BYTES)) } })).toBeUndefined();
  });
});
