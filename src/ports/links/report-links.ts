import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock/clock.port';
import type { ClaimStore } from '../store/claim-store.port';

/** Which of a case's files a link opens. */
export type LinkedFile = 'report' | 'letters';
const FILES: readonly LinkedFile[] = ['report', 'letters'];

export type Redeemed = { kind: 'ok'; caseId: string; file: LinkedFile } | { kind: 'invalid' } | { kind: 'expired' } | { kind: 'used' };

/**
 * A link's body, 35 bytes: the case's id (a UUID, 16 bytes), the expiry (seconds since the epoch,
 * 6 bytes), a random nonce (12 bytes) that makes it single-use, and which file (1 byte). Binary and with a 128-bit
 * signature, the whole token stays under the router's 100-character limit for a path parameter.
 */
const BODY_BYTES = 35;
const SIGNATURE_BYTES = 16;

const encode = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/**
 * Signed, expiring, single-use download links for the files a case produced (the access report):
 * HMAC-SHA256 over the link's body with a key from the environment or the database, so that every
 * instance serves every link; spent through a claim, so that a link opens once, on any instance.
 */
export class ReportLinks {
  constructor(
    private readonly key: Buffer,
    private readonly claims: ClaimStore,
    private readonly clock: Clock,
    private readonly options: { publicUrl: string; hours: number; instance: string },
  ) {}

  /** A link to the case's report (or answer letters), valid for the configured hours (to the second). */
  issue(caseId: string, file: LinkedFile = 'report'): { url: string; expiresAt: Date } {
    const seconds = Math.floor(this.clock.now().getTime() / 1000) + this.options.hours * 3600;
    const body = Buffer.alloc(BODY_BYTES);
    Buffer.from(caseId.replace(/-/g, ''), 'hex').copy(body, 0);
    body.writeUIntBE(seconds, 16, 6);
    randomBytes(12).copy(body, 22);
    body.writeUInt8(FILES.indexOf(file), 34);
    const token = encode(body);
    return { url: `${this.options.publicUrl}/reports/${token}.${this.sign(token)}`, expiresAt: new Date(seconds * 1000) };
  }

  /** The file a link names — once: a second use, an expired or a forged link gets nothing. */
  async redeem(token: string): Promise<Redeemed> {
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined || token.length > 200) return { kind: 'invalid' };
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { kind: 'invalid' };
    const bytes = Buffer.from(body, 'base64url');
    if (bytes.length !== BODY_BYTES) return { kind: 'invalid' };
    const hex = bytes.subarray(0, 16).toString('hex');
    const caseId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    const now = this.clock.now();
    if (now.getTime() > bytes.readUIntBE(16, 6) * 1000) return { kind: 'expired' };
    const file = FILES[bytes.readUInt8(34)];
    if (!file) return { kind: 'invalid' };
    const key = { subject: `link:${bytes.subarray(22, 34).toString('hex')}`, mark: 'download', round: '1' };
    if (!(await this.claims.claim(key, now, this.options.instance))) return { kind: 'used' };
    await this.claims.confirm(key, now, now, this.options.instance);
    return { kind: 'ok', caseId, file };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, SIGNATURE_BYTES).toString('base64url');
  }
}
