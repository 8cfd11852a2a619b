/** What is in flight in the settings' environment and NIP: the options page warns before they change. */
import type { InFlightSummary } from '../../messaging';
import type { OutboxRecord } from '../../outbox';
import type { Services } from '../services';

export async function inFlight(svc: Services): Promise<InFlightSummary> {
  const [store, s, pipeline] = await Promise.all([svc.outbox(), svc.settings(), svc.pipeline()]);
  const ctx = { env: s.env, nip: s.nip };
  const count = async (state: OutboxRecord['state']) => (await store.byState(state, ctx)).length;
  // Needing attention but still linked to a KSeF session: its outcome may yet come.
  const linked = (await store.byState('needs-attention', ctx)).filter((r) => r.sessionRef).length;
  const p = await pipeline.exportProgress();
  return {
    ...ctx,
    sending: await count('sending'),
    processing: await count('processing'),
    queued: await count('queued'),
    linked,
    exportRunning: p !== null && !['done', 'failed', 'idle'].includes(p.state),
  };
}
