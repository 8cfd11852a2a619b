/**
 * The texts printed under the codes (docs/ksef-protocol.md §6.1, §6.2; CIRFMF/ksef-pdf-generator
 * `Stopka.ts`): under KOD I the KSeF number once known, `OFFLINE` until then; under KOD II
 * always `CERTYFIKAT`.
 */
export const OFFLINE_LABEL = 'OFFLINE';
export const CERTIFICATE_LABEL = 'CERTYFIKAT';

export function kod1Label(ksefNumber: string | null | undefined): string {
  const n = ksefNumber?.trim();
  return n ? n : OFFLINE_LABEL;
}
