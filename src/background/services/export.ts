/**
 * The monthly export's steps as the options page asks for them; the pipeline runs the export,
 * and its refusals (and Base's, while counting) reach the seller in their language.
 */
import type { ExportProgress } from '../../messaging';
import { requireHostAccess } from '../host-access-guard';
import { portRefusals } from '../port-errors';
import type { Services } from '../services';
import { refusals } from './refusals';

/** How many invoices of the month are not in KSeF yet (Base is listed to know). */
export async function countNotSent(svc: Services, month: string): Promise<number> {
  const pipeline = await svc.pipeline();
  return refusals(svc, () =>
    portRefusals(
      () => svc.t(),
      () => pipeline.exportCount(month),
      () => svc.lang(),
    ),
  );
}

export async function startExport(svc: Services, month: string): Promise<ExportProgress> {
  await requireHostAccess(() => svc.lang());
  const pipeline = await svc.pipeline();
  return refusals(svc, () => pipeline.startExport(month));
}

export async function cancelExport(svc: Services): Promise<ExportProgress | null> {
  const pipeline = await svc.pipeline();
  return refusals(svc, () => pipeline.cancelExport());
}
