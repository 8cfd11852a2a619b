/**
 * Test keys made by the system `openssl` (independent of the code under test), in a temp dir.
 * Each entry gives the file bytes, the password (if any) and the matching public key PEM.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PASSWORD = 'Zażółć-gęślą-jaźń 1!';

export interface KeyFiles {
  dir: string;
  path(name: string): string;
  read(name: string): Uint8Array;
  text(name: string): string;
  openssl(...args: string[]): Buffer;
  cleanup(): void;
}

export function makeKeys(): KeyFiles {
  const dir = mkdtempSync(join(tmpdir(), 'ksef-keys-'));
  const path = (n: string) => join(dir, n);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const pass = `pass:${PASSWORD}`;

  // EC P-256 and RSA-2048, each with a self-signed certificate (only the public key matters here).
  openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'ec.pem');
  openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'rsa.pem');
  for (const k of ['ec', 'rsa']) {
    openssl('pkey', '-in', `${k}.pem`, '-pubout', '-out', `${k}.pub.pem`);
    openssl('pkcs8', '-topk8', '-nocrypt', '-in', `${k}.pem`, '-outform', 'DER', '-out', `${k}.der`);
    // Traditional forms (PKCS#1 RSA / SEC 1 EC), as PEM and DER: what the C# SDK writes.
    openssl('pkey', '-in', `${k}.pem`, '-traditional', '-out', `${k}.trad.pem`);
    openssl('pkey', '-in', `${k}.pem`, '-traditional', '-outform', 'DER', '-out', `${k}.trad.der`);
    openssl(
      'req',
      '-new',
      '-x509',
      '-key',
      `${k}.pem`,
      '-subj',
      '/CN=Test Offline',
      '-days',
      '30',
      '-set_serial',
      '0x01D1732E43B9345E',
      '-out',
      `${k}.crt`,
    );
    openssl('x509', '-in', `${k}.crt`, '-outform', 'DER', '-out', `${k}.crt.der`);
    // PBES2 variants the task names: PBKDF2-HMAC-SHA1 / SHA-256 × AES-128 / AES-192 / AES-256.
    for (const [prf, cipher] of [
      ['hmacWithSHA1', 'aes-128-cbc'],
      ['hmacWithSHA256', 'aes-256-cbc'],
      ['hmacWithSHA1', 'aes-256-cbc'],
      ['hmacWithSHA256', 'aes-128-cbc'],
      ['hmacWithSHA256', 'aes-192-cbc'],
    ] as const) {
      openssl(
        'pkcs8',
        '-topk8',
        '-in',
        `${k}.pem`,
        '-v2',
        cipher,
        '-v2prf',
        prf,
        '-passout',
        pass,
        '-out',
        `${k}.${prf}.${cipher}.key`,
      );
    }
    openssl(
      'pkcs8',
      '-topk8',
      '-in',
      `${k}.pem`,
      '-v2',
      'aes-256-cbc',
      '-passout',
      pass,
      '-outform',
      'DER',
      '-out',
      `${k}.enc.der`,
    );
  }
  // Certificates with the key usages KSeF gives Offline (Non-Repudiation) and Authentication
  // (Digital Signature) certificates (docs/ksef-protocol.md §7).
  for (const [name, ku] of [
    ['ec.offline.crt', 'critical,nonRepudiation'],
    ['ec.auth.crt', 'critical,digitalSignature'],
  ] as const) {
    openssl(
      'req',
      '-new',
      '-x509',
      '-key',
      'ec.pem',
      '-subj',
      '/CN=Test',
      '-days',
      '30',
      '-addext',
      `keyUsage=${ku}`,
      '-out',
      name,
    );
  }
  // A second EC key, for "does not match the certificate".
  openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'ec2.pem');
  // Unsupported material.
  openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384', '-out', 'ec384.pem');
  openssl('genpkey', '-algorithm', 'ED25519', '-out', 'ed25519.pem');
  openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024', '-out', 'rsa1024.pem');
  openssl('pkcs8', '-topk8', '-in', 'ec.pem', '-v2', 'des3', '-passout', pass, '-out', 'ec.des3.key');
  openssl('pkcs8', '-topk8', '-in', 'ec.pem', '-v1', 'PBE-SHA1-3DES', '-passout', pass, '-out', 'ec.pbes1.key');
  openssl('pkcs8', '-topk8', '-in', 'ec.pem', '-scrypt', '-passout', pass, '-out', 'ec.scrypt.key');
  openssl('pkey', '-in', 'rsa.pem', '-traditional', '-aes256', '-passout', pass, '-out', 'rsa.legacy-enc.pem');

  return {
    dir,
    path,
    read: (n) => new Uint8Array(readFileSync(path(n))),
    text: (n) => readFileSync(path(n), 'utf8'),
    openssl,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
