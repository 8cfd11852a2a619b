/**
 * KSeF certificates of the authenticated subject (docs/ksef-protocol.md §7): list (e.g. the Offline
 * certificates usable for KOD II) with `POST /certificates/query` and fetch certificates by serial
 * with `POST /certificates/retrieve`.
 */
import type { KsefAuth } from './auth';
import type { KsefContext } from './context';

export type KsefCertificateType = 'Authentication' | 'Offline';
export type KsefCertificateStatus = 'Active' | 'Blocked' | 'Revoked' | 'Expired';

export interface KsefCertificateInfo {
  serialNumber: string;
  name: string;
  type: KsefCertificateType;
  commonName: string;
  status: KsefCertificateStatus;
  validFrom: string;
  validTo: string;
  subjectIdentifier: { type: string; value: string } | undefined;
}

export interface RetrievedCertificate {
  serialNumber: string;
  name: string;
  type: KsefCertificateType;
  /** DER, Base64. */
  certificateDerB64: string;
}

interface ListItem {
  certificateSerialNumber: string;
  name: string;
  type: KsefCertificateType;
  commonName: string;
  status: KsefCertificateStatus;
  subjectIdentifier?: { type: string; value: string };
  validFrom: string;
  validTo: string;
}

export interface CertificateQuery {
  type?: KsefCertificateType;
  status?: KsefCertificateStatus;
  serialNumber?: string;
  name?: string;
  expiresAfter?: string;
}

export async function queryCertificates(
  ctx: KsefContext,
  auth: KsefAuth,
  query: CertificateQuery = { type: 'Offline' },
): Promise<KsefCertificateInfo[]> {
  const out: KsefCertificateInfo[] = [];
  const pageSize = 50;
  for (let pageOffset = 0; ; pageOffset++) {
    const res = await auth.withAccess((bearer) =>
      ctx.http.request<{ certificates: ListItem[]; hasMore: boolean }>({
        route: 'certificatesQuery',
        query: { pageSize, pageOffset },
        bearer,
        json: {
          ...(query.type ? { type: query.type } : {}),
          ...(query.status ? { status: query.status } : {}),
          ...(query.serialNumber ? { certificateSerialNumber: query.serialNumber } : {}),
          ...(query.name ? { name: query.name } : {}),
          ...(query.expiresAfter ? { expiresAfter: query.expiresAfter } : {}),
        },
        expect: [200],
      }),
    );
    for (const c of res.data?.certificates ?? []) {
      out.push({
        serialNumber: c.certificateSerialNumber,
        name: c.name,
        type: c.type,
        commonName: c.commonName,
        status: c.status,
        validFrom: c.validFrom,
        validTo: c.validTo,
        subjectIdentifier: c.subjectIdentifier,
      });
    }
    if (!res.data?.hasMore || (res.data.certificates ?? []).length === 0) return out;
  }
}

export async function retrieveCertificates(
  ctx: KsefContext,
  auth: KsefAuth,
  serialNumbers: string[],
): Promise<RetrievedCertificate[]> {
  const res = await auth.withAccess((bearer) =>
    ctx.http.request<{
      certificates: Array<{
        certificate: string;
        certificateName: string;
        certificateSerialNumber: string;
        certificateType: KsefCertificateType;
      }>;
    }>({
      route: 'certificatesRetrieve',
      bearer,
      json: { certificateSerialNumbers: serialNumbers },
      expect: [200],
    }),
  );
  return (res.data?.certificates ?? []).map((c) => ({
    serialNumber: c.certificateSerialNumber,
    name: c.certificateName,
    type: c.certificateType,
    certificateDerB64: c.certificate,
  }));
}
