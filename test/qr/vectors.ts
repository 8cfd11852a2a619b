import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'ksef');

export interface Kod1Vector {
  id: string;
  env: 'TE' | 'DEMO' | 'PRD';
  sellerNip: string;
  issueDateP1: string;
  issueDateInUrl: string;
  invoiceXmlUtf8?: string | null;
  invoiceFile?: string;
  invoiceHashBase64: string;
  invoiceHashBase64Url: string;
  expectedUrl: string;
}

export interface Kod2Vector {
  id: string;
  keyRef?: string;
  env?: 'TE' | 'DEMO' | 'PRD';
  contextIdentifierType?: string;
  contextIdentifierValue?: string;
  sellerNip?: string;
  certificateSerialNumber?: string;
  invoiceHashBase64Url?: string;
  stringToSign: string;
  sha256OfStringToSignHex?: string;
  signatureP1363Base64Url?: string;
  signatureDerBase64Url?: string;
  signatureBase64Url?: string;
  expectedUrl?: string;
  expectedUrlP1363?: string;
  expectedUrlDer?: string;
  verifiable?: boolean;
  expectedVerification?: boolean;
}

export interface QrVectors {
  qrBaseUrls: Record<'TE' | 'DEMO' | 'PRD', string>;
  kod1: Kod1Vector[];
  kod2: Kod2Vector[];
  keys: {
    'ecdsa-p256-taxpayer-app': {
      encryptedPkcs8Pem: string;
      password: string;
      pkcs8PemDecrypted: string;
      publicKeySpkiPem: string;
      certificateSerialNumber: string;
    };
    'rsa-2048-java-sample': { pkcs8DerBase64: string; pkcs8Pem: string; publicKeySpkiPem: string };
  };
}

export const qrVectors = JSON.parse(readFileSync(join(FIXTURES, 'qr-vectors.json'), 'utf8')) as QrVectors;

export const ksefNumberVectors = JSON.parse(readFileSync(join(FIXTURES, 'ksef-number-vectors.json'), 'utf8')) as {
  valid: { ksefNumber: string }[];
  invalid: { ksefNumber: string }[];
};

export const ENV_OF = { TE: 'test', DEMO: 'demo', PRD: 'prod' } as const;

export function pemBody(pem: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));
}
