/** Order extra fields (getOrderExtraFields / setOrderFields) against the Base fake, over real HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getOrderExtraFields, setOrderExtraField } from '../../src/base/api';
import { createBaseClient } from '../../src/base/api/client';
import { BaseApiError } from '../../src/base/api/errors';
import { RateLimiter } from '../../src/base/api/limiter';
import { type BaseSim, SIM_TOKEN, startBaseSim } from '../sim/base';

let sim: BaseSim;
beforeAll(async () => {
  sim = await startBaseSim();
});
afterAll(() => sim.close());

const client = (limiter = new RateLimiter()) =>
  createBaseClient({ token: SIM_TOKEN, fetch, apiUrl: sim.apiUrl, wait: 'report', limiter });

describe('order extra fields', () => {
  it('lists the fields and writes a KSeF number into one field of one order', async () => {
    const c = client();
    const fields = await getOrderExtraFields(c);
    expect(fields).toContainEqual({ id: '1101', name: 'Numer KSeF', kind: 'text' });
    expect(fields).toContainEqual({ id: '1103', name: 'Faktura KSeF (PDF)', kind: 'file' });
    const orderId = Number((await c.getInvoices({}))[0]!.orderId);
    await setOrderExtraField(c, orderId, '1101', '5265877635-20261129-0123456789AB-CD');
    const stored = (await (await fetch(`${sim.origin}/__sim/order-fields`)).json()) as Record<string, unknown>;
    expect(stored[String(orderId)]).toEqual({ '1101': '5265877635-20261129-0123456789AB-CD' });
  });

  it('an unknown order or field is Base’s error, and the calls count against the limiter', async () => {
    const limiter = new RateLimiter(50);
    const c = client(limiter);
    await expect(setOrderExtraField(c, 999_999_999, '1101', 'x')).rejects.toBeInstanceOf(BaseApiError);
    const orderId = Number((await c.getInvoices({}))[0]!.orderId);
    await expect(setOrderExtraField(c, orderId, '9999', 'x')).rejects.toBeInstanceOf(BaseApiError);
    expect(limiter.snapshot().stamps).toHaveLength(3);
  });
});
