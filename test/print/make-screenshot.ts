/**
 * Regenerates `test/print/stamped-page.png` (the README's picture of a stamped invoice):
 * `npx tsx test/print/make-screenshot.ts`. Needs poppler-utils (pdftoppm). An offline invoice
 * is shown, so both codes appear: KOD I labelled OFFLINE and KOD II labelled CERTYFIKAT.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stampInvoicePdf } from '../../src/print';
import { qrVectors } from '../qr/vectors';
import { renderPage } from './poppler';
import { sampleInvoicePdf } from './sample-invoice';

const here = dirname(fileURLToPath(import.meta.url));
const stamped = await stampInvoicePdf({
  pdf: await sampleInvoicePdf(),
  kod1Url: qrVectors.kod1.find((v) => v.id.endsWith('pdf-generator-invoice-fa3.xml:TE'))!.expectedUrl,
  kod2Url: qrVectors.kod2.find((v) => v.id === 'ecdsa-p256-TE')!.expectedUrlP1363!,
  ksefNumber: null,
  processingDate: null,
  status: 'offline',
});
writeFileSync(join(here, 'stamped-page.png'), renderPage(stamped, 1, 110).png);
process.stdout.write(`zapisano ${join(here, 'stamped-page.png')}\n`);
