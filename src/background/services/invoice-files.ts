/** The stored UPO or the invoice XML sent to KSeF, as a named text file for the "Faktury w KSeF" page. */
import type { Res } from '../../messaging';
import { refOf } from '../../outbox/types';
import { UserError } from '../router';
import type { Services } from '../services';

function fileSafe(s: string): string {
  return s.replace(/[^\w.-]+/g, '_');
}

export async function invoiceFile(svc: Services, id: string, kind: 'upo' | 'xml'): Promise<Res<'invoice.file'>> {
  const t = await svc.t();
  const [store, settings] = await Promise.all([svc.outbox(), svc.settings()]);
  const rec = await store.get(refOf(settings, id));
  const name = fileSafe(rec?.ksefNumber || rec?.number || id);
  if (kind === 'upo') {
    if (!rec?.upo) throw new UserError(t('noUpo'), 'bad-request');
    return { fileName: `UPO-${name}.xml`, text: rec.upo };
  }
  // The bytes sent are kept until the UPO comes; after that KSeF's own copy is fetched.
  const bytes = rec?.xml ?? (rec?.ksefNumber ? await (await svc.ksef()).storedInvoice(rec.ksefNumber) : null);
  if (!bytes) throw new UserError(t(rec?.ksefNumber ? 'xmlNotYet' : 'noXml'), 'bad-request');
  return { fileName: `${name}.xml`, text: new TextDecoder().decode(bytes) };
}
