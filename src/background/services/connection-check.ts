/** "Sprawdź połączenie": really logs in to KSeF (and reads the token's permissions) and calls Base. */

import type { WorkerText } from '../../i18n/worker';
import { INVOICE_READ, INVOICE_WRITE } from '../../ksef';
import type { ConnectionCheck } from '../../messaging';
import type { Services } from '../services';
import { failureText } from './secret-error-text';

/** What a token may do, against what the extension needs: sending needs InvoiceWrite; status
 * downloads and purchase invoices need InvoiceRead. */
export function withPermissions(
  okText: string,
  present: string[] | null | undefined,
  t: WorkerText,
): ConnectionCheck['ksef'] {
  if (!present) return { ok: true, message: present === undefined ? `${okText} ${t('ksefPermsUnknown')}` : okText };
  const owner = present.includes('Owner');
  const missing = owner ? [] : [INVOICE_WRITE, INVOICE_READ].filter((p) => !present.includes(p));
  const permissions = { present, missing };
  const list = present.length ? present.join(', ') : t('ksefPermsNone');
  if (missing.includes(INVOICE_WRITE))
    return { ok: false, permissions, message: t('ksefNoWrite', { present: list, missing: missing.join(', ') }) };
  if (missing.includes(INVOICE_READ))
    return { ok: true, permissions, message: `${okText} ${t('ksefNoRead', { present: list })}` };
  return { ok: true, permissions, message: `${okText} ${t('ksefPerms', { present: list })}` };
}

async function checkKsef(svc: Services, t: WorkerText): Promise<ConnectionCheck['ksef']> {
  try {
    const settings = await svc.settings();
    const c = await svc.ksef();
    await c.login();
    const okText = t('ksefOk', { env: settings.env.toUpperCase(), nip: settings.nip });
    return withPermissions(okText, await c.tokenPermissions().catch(() => undefined), t);
  } catch (e) {
    return { ok: false, message: t('ksefFailed', { reason: failureText(e, await svc.lang()) }) };
  }
}

async function checkBase(svc: Services, t: WorkerText): Promise<ConnectionCheck['base']> {
  try {
    const series = await (await svc.base()).getSeries();
    return { ok: true, message: t('baseOk', { count: series.length }) };
  } catch (e) {
    return { ok: false, message: t('baseFailed', { reason: failureText(e, await svc.lang()) }) };
  }
}

export async function checkConnection(svc: Services): Promise<ConnectionCheck> {
  const t = await svc.t();
  return { ksef: await checkKsef(svc, t), base: await checkBase(svc, t) };
}
