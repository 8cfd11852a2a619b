// HS256 JWTs like the real ones (docs/ksef-protocol.md §2.7: typ AuthenticationToken / ContextToken / RefreshToken,
// lifetimes 45 min / 15 min / 7 days). Clients must treat them as opaque; the simulator only needs to verify its own.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type TokenType = 'AuthenticationToken' | 'ContextToken' | 'RefreshToken';
export interface JwtClaims {
  typ: TokenType;
  arn: string; // authentication operation reference number
  exp: number;
  iat: number;
  jti: string;
  [k: string]: unknown;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export function signJwt(claims: JwtClaims, secret: Buffer): string {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify(claims));
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  return `${head}.${body}.${b64url(sig)}`;
}

/** Returns the claims of a token this simulator signed, or undefined if forged/garbled (expiry is checked by callers). */
export function verifyJwt(token: string, secret: Buffer): JwtClaims | undefined {
  const [head, body, sig] = token.split('.');
  if (!head || !body || !sig) return undefined;
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as JwtClaims;
  } catch {
    return undefined;
  }
}
