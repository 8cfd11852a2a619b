// Shared simulator core: options, clock, randomness, keys, state and the request context handlers receive.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { forbidden, unauthorized } from './errors';
import type { Faults } from './faults';
import { type JwtClaims, signJwt, type TokenType, verifyJwt } from './jwt';
import type { RateLimiter } from './limits';
import { MfKeyring } from './mfkeys';
import { type RefType, referenceNumber } from './numbers';
import { type AuthOp, Store } from './store';

export type SimEnv = 'test' | 'demo' | 'prod';

export interface KsefSimOptions {
  env?: SimEnv; // default 'test'; decides UPO receiver name, self-signed XAdES acceptance
  port?: number; // default 0 (random)
  host?: string; // default '127.0.0.1'
  rateLimits?: boolean; // default false in tests (switchable via control API too)
  processingDelaysMs?: [number, number]; // delay 100->150 and 150->200 (or final); default [0, 0]
  now?: () => number; // clock (ms); the control API can also move it
}

/** Token lifetimes (docs/ksef-protocol.md §0 and §2.7). */
export const LIFETIME_MS = {
  challenge: 10 * 60_000,
  authenticationToken: 45 * 60_000,
  accessToken: 15 * 60_000,
  refreshToken: 7 * 24 * 3600_000,
  onlineSession: 12 * 3600_000,
  upoLink: 3 * 24 * 3600_000,
  batchUploadPerPart: 20 * 60_000,
};

export interface Ctx {
  req: IncomingMessage;
  method: string;
  template: string; // OpenAPI path template, e.g. /sessions/{referenceNumber}
  params: Record<string, string>;
  query: URLSearchParams;
  body: Buffer;
  origin: string; // scheme://host the request came to (honours Host, for returned URLs)
  ip: string;
}

export interface Reply {
  status: number;
  json?: unknown;
  xml?: string;
  bytes?: Uint8Array;
  headers?: Record<string, string>;
}

const ipNum = (ip: string) => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);

/** AuthorizationPolicy.AllowedIps (§2.2): exact addresses, `a-b` ranges, `a/nn` masks; IPv4 only. */
export function ipAllowed(ip: string, p: NonNullable<AuthOp['allowedIps']>): boolean {
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return false;
  const n = ipNum(ip);
  if (p.addresses.includes(ip)) return true;
  for (const r of p.ranges) {
    const [a = '', b = ''] = r.split('-');
    if (n >= ipNum(a) && n <= ipNum(b)) return true;
  }
  for (const m of p.masks) {
    const [base = '', bits = '32'] = m.split('/');
    const size = 2 ** (32 - Number(bits));
    if (Math.floor(n / size) === Math.floor(ipNum(base) / size)) return true;
  }
  return false;
}

export class Sim {
  readonly env: SimEnv;
  readonly store = new Store();
  readonly keys = new MfKeyring();
  readonly jwtSecret = randomBytes(32);
  delays: [number, number];
  private clockOffset = 0;
  private readonly baseNow: () => number;
  faults!: Faults;
  limiter!: RateLimiter;

  constructor(opts: KsefSimOptions) {
    this.env = opts.env ?? 'test';
    this.delays = opts.processingDelaysMs ?? [0, 0];
    this.baseNow = opts.now ?? Date.now;
  }

  /** Forget everything except the MF keys (control API POST /__sim/reset). */
  reset(): void {
    const fresh = new Store();
    Object.assign(this.store, fresh);
    this.clockOffset = 0; // the clock moved by POST /__sim/clock is state too
    this.faults.clear();
    this.limiter.reset();
  }

  now(): number {
    return this.baseNow() + this.clockOffset;
  }
  advance(ms: number): number {
    this.clockOffset += ms;
    return this.now();
  }
  iso(ms = this.now()): string {
    return new Date(ms).toISOString();
  }
  random(n: number): Uint8Array {
    return new Uint8Array(randomBytes(n));
  }
  ref(type: RefType, at = this.now()): string {
    return referenceNumber(type, at, (n) => this.random(n));
  }

  /** UPO receiver name: the TEST/DEMO suffix breaks the XSD's fixed value on purpose (shared README §4). */
  receiverName(): string {
    if (this.env === 'test') return 'Ministerstwo Finansów - środowisko testowe (TE)';
    if (this.env === 'demo') return 'Ministerstwo Finansów - środowisko przedprodukcyjne (TR)';
    return 'Ministerstwo Finansów';
  }

  issueJwt(typ: TokenType, auth: AuthOp, lifetimeMs: number, extra: Record<string, unknown> = {}) {
    const iat = Math.floor(this.now() / 1000);
    const exp = iat + Math.floor(lifetimeMs / 1000);
    const aud = this.env === 'test' ? 'ksef-api-te' : this.env === 'demo' ? 'ksef-api-tr' : 'ksef-api';
    const claims: JwtClaims = {
      typ,
      arn: auth.referenceNumber,
      jti: randomBytes(8).toString('hex'),
      ...extra,
      iat,
      exp,
      iss: aud,
      aud,
    };
    return { token: signJwt(claims, this.jwtSecret), validUntil: this.iso(exp * 1000) };
  }

  /** Bearer token of the given type, still valid → its authentication operation; else 401 (§2, §8.2). */
  bearer(ctx: Ctx, typ: TokenType | TokenType[]): { claims: JwtClaims; auth: AuthOp } {
    const types = Array.isArray(typ) ? typ : [typ];
    const header = ctx.req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw unauthorized('Brak tokenu uwierzytelniającego (nagłówek Authorization: Bearer).');
    const claims = verifyJwt(m[1]!, this.jwtSecret);
    if (!claims) throw unauthorized('Nieprawidłowy token uwierzytelniający.');
    if (!types.includes(claims.typ)) throw unauthorized(`Nieprawidłowy typ tokenu: oczekiwano ${types.join(' lub ')}.`);
    if (claims.exp * 1000 <= this.now()) throw unauthorized('Token wygasł.');
    const auth = this.store.auths.get(claims.arn);
    if (!auth) throw unauthorized('Nieznana operacja uwierzytelnienia.');
    return { claims, auth };
  }

  /** Access token with one of the permissions (openapi.json x-required-permissions) → 403 missing-permissions. */
  access(ctx: Ctx, anyOf?: string[]): AuthOp {
    const { auth } = this.bearer(ctx, 'ContextToken');
    if (auth.allowedIps && !ipAllowed(ctx.ip.replace(/^::ffff:/, ''), auth.allowedIps)) {
      throw forbidden('ip-not-allowed', `Adres IP ${ctx.ip} nie jest dozwolony przez politykę autoryzacji tej sesji.`);
    }
    if (anyOf && !anyOf.some((p) => auth.permissions.includes(p) || auth.permissions.includes('Owner'))) {
      throw forbidden('missing-permissions', 'Brak wymaganych uprawnień.', {
        requiredAnyOfPermissions: anyOf,
        presentPermissions: auth.permissions,
      });
    }
    return auth;
  }
}
