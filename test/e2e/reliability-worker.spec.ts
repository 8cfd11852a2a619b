/**
 * Reliability in real Chromium: the service worker stopped in the middle of an invoice POST, and a
 * switch of the KSeF environment from TEST to PROD with invoices in every state.
 */
import { DEMO_SELLER } from '../sim/base';
import { type KsefSim, startKsefSim } from '../sim/ksef';
import { expect, PROD_HOSTS, routeOrigin, test } from './fixtures';
import {
  acceptedAfterWakeups,
  addBaseInvoice,
  command,
  configuredWorld,
  fireHourlyPoll,
  fireWakeups,
  registeredInKsef,
  simGet,
  simPost,
  viewOf,
  type World,
  waitForState,
} from './helpers';

const POST_INVOICE = 'POST /v2/sessions/online/{referenceNumber}/invoices';
const SESSION_LIST = 'GET /v2/sessions/{referenceNumber}/invoices';

let world: World;
let prod: KsefSim | undefined;
test.afterEach(async () => {
  await prod?.close();
  prod = undefined;
  await world?.close();
});

type Req = { method: string; path: string; status: number };
const invoicePosts = (reqs: Req[]) =>
  reqs.filter((r) => r.method === 'POST' && /\/sessions\/online\/[^/]+\/invoices$/.test(r.path));

test('the worker stopped in the middle of an invoice POST: after the restart the invoice is accepted, once', async ({
  context,
  sw,
  openExtensionPage,
  stopWorker,
}) => {
  test.setTimeout(120_000);
  const ready = await configuredWorld(context, openExtensionPage);
  world = ready.world;
  const page = ready.page;
  const inv = await addBaseInvoice(world);
  const id = String(inv.invoice_id);
  await simPost(world.ksef, '/__sim/faults', { route: POST_INVOICE, kind: 'hang', count: 1 });

  // The click: the worker writes the record, opens the session and POSTs; KSeF never answers.
  const click = command(page, 'invoice.send', { invoiceId: id }).catch((e: unknown) => e);
  await expect
    .poll(async () => invoicePosts(await simGet<Req[]>(world.ksef, '/__sim/requests')).map((r) => r.status), {
      timeout: 30_000,
    })
    .toEqual([0]);
  await stopWorker();
  await click;

  // Any extension event starts the worker again; it resumes the record it left `sending`.
  await expect
    .poll(async () => (await viewOf(page, id)).state, { timeout: 30_000 })
    .toMatch(/sending|processing|accepted/);
  await acceptedAfterWakeups(page, sw, id);
  const view = await viewOf(page, id);
  expect(view.ksefNumber).toMatch(/^\d{10}-\d{8}-[0-9A-F]{12}-[0-9A-F]{2}$/);
  const mine = (await registeredInKsef(world)).filter((i) => i.invoiceNumber === inv.number);
  expect(mine).toHaveLength(1);
  expect(mine[0]?.ksefNumber).toBe(view.ksefNumber);
});

test('TEST → PROD with invoices in every state: sent ones are "not sent" on PROD, in-flight ones settle on TEST', async ({
  context,
  sw,
  openExtensionPage,
}) => {
  test.setTimeout(300_000);
  const ready = await configuredWorld(context, openExtensionPage);
  world = ready.world;
  const page = ready.page;
  const send = async (id: string) => {
    const r = await command(page, 'invoice.send', { invoiceId: id });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    return r.res.item;
  };
  const add = async () => {
    const i = await addBaseInvoice(world);
    return { id: String(i.invoice_id), number: i.number };
  };

  // On TEST: accepted, rejected, still processing, outcome unknown, needing attention, never sent.
  const accepted = await add();
  await send(accepted.id);
  await waitForState(page, accepted.id, 'accepted', 40_000);
  const rejected = await add();
  await simPost(world.ksef, '/__sim/faults', { kind: 'invoice-status', status: 450, count: 1 });
  await send(rejected.id);
  await waitForState(page, rejected.id, 'rejected', 40_000);
  const processing = await add();
  await simPost(world.ksef, '/__sim/faults', { kind: 'invoice-delay', ms: 6 * 60 * 60_000, count: 1 });
  expect((await send(processing.id)).state).toBe('processing');
  const unknown = await add();
  await simPost(world.ksef, '/__sim/faults', { route: POST_INVOICE, kind: 'drop-after-accept', count: 1 });
  await simPost(world.ksef, '/__sim/faults', { route: SESSION_LIST, kind: 'http503', count: 1 });
  expect((await send(unknown.id)).state).toBe('sending');
  const broken = { id: String((await addBaseInvoice(world, { items: [] })).invoice_id) };
  await send(broken.id);
  expect((await viewOf(page, broken.id)).state).toBe('needs-attention');
  const fresh = await add();

  // The seller switches to PROD (its own simulator and token).
  prod = await startKsefSim({ env: 'prod' });
  await routeOrigin(context, PROD_HOSTS.ksef[2], prod.origin);
  const { token } = (await simPost(prod, '/__sim/tokens', { nip: DEMO_SELLER.nip })) as { token: string };
  const saved = await command(page, 'settings.save', { patch: { env: 'prod' } });
  expect(saved.ok, JSON.stringify(saved.error)).toBe(true);
  expect((await command(page, 'secrets.setKsefToken', { token })).ok).toBe(true);

  // On PROD nothing of TEST counts as sent: every invoice can go, each is "not sent" there.
  for (const inv of [accepted, rejected, processing, unknown, fresh]) {
    const v = await viewOf(page, inv.id);
    expect(v.state, inv.number).toBeUndefined();
    expect(v.ksefNumber, inv.number).toBeUndefined();
  }
  // The popup says what is still in flight on TEST.
  const summary = await command(page, 'popup.summary');
  expect(summary.res.warnings.join(' ')).toMatch(/TEST/);

  await send(accepted.id);
  const onProd = await waitForState(page, accepted.id, 'accepted', 40_000);
  const prodRegs = await simGet<{ invoiceNumber: string; ksefNumber: string | null }[]>(
    prod,
    `/__sim/invoices?nip=${DEMO_SELLER.nip}`,
  );
  expect(prodRegs.filter((r) => r.invoiceNumber === accepted.number).map((r) => r.ksefNumber)).toEqual([
    onProd.ksefNumber,
  ]);

  // TEST finishes processing: the in-flight records settle against TEST (the unknown outcome
  // once its retry is due: its wait after the failed look-up runs on the worker's real clock).
  await simPost(world.ksef, '/__sim/clock', { advanceMs: 7 * 60 * 60_000 });
  await expect
    .poll(
      async () => {
        await fireWakeups(sw);
        await fireHourlyPoll(sw);
        return (await command(page, 'popup.summary')).res.warnings.join(' ');
      },
      { timeout: 150_000, intervals: [3_000] },
    )
    .not.toMatch(/TEST/);
  const onTest = await registeredInKsef(world);
  for (const inv of [accepted, processing, unknown]) {
    const mine = onTest.filter((i) => i.invoiceNumber === inv.number);
    expect(mine, inv.number).toHaveLength(1);
    expect(mine[0]?.ksefNumber, inv.number).toBeTruthy();
  }
  // Nothing of it went to PROD on its own.
  const onProdNow = await simGet<{ invoiceNumber: string }[]>(prod, `/__sim/invoices?nip=${DEMO_SELLER.nip}`);
  expect(onProdNow.map((r) => r.invoiceNumber)).toEqual([accepted.number]);
});
