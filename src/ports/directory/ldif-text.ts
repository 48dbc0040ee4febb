import { ConfigurationError } from '../../domain/shared/errors';

/** LDIF text the `ldif` package can parse, and the file's line for each of its lines. */
export interface AsciiLdif {
  text: string;
  /** The line of the file (1-based) that a line of `text` (1-based) came from. */
  sourceLine(line: number): number;
}

const COLON = 0x3a;
const SPACE = 0x20;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Prepares an LDIF file for the `ldif` package, whose grammar is strict RFC 2849: a plain value
 * (`attr: value`) is a SAFE-STRING of ASCII characters, and anything else must be base64
 * (`cn:: SsO8cmdlbiBHcm/Dnw==`). OpenLDAP's own tools (ldapadd, slapadd) also take UTF-8 written as
 * it is (`cn: Jürgen Groß`, `dn: cn=Jürgen Groß,…`), and hand-written German directories look like
 * that. Rather than fork the grammar, every attribute or DN line whose value holds non-ASCII bytes is
 * rewritten into the base64 form RFC 2849 prescribes: the parser then decodes exactly the bytes the
 * file held, so both spellings give identical entries. Everything else reaches the parser unchanged,
 * and its errors stay its own.
 *
 * Works on bytes, as OpenLDAP does: a rewritten line is first unfolded (continuation lines begin with
 * one space), so a fold may fall anywhere — even inside a multibyte character, as tools that fold at a
 * byte count do. A byte-order mark at the start is dropped and CRLF line ends become LF. A value that
 * is not UTF-8 (a Latin-1 export, say) is refused with its line rather than read as garbage.
 */
export function asciiLdif(input: string | Uint8Array, source: string): AsciiLdif {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  // Already what the parser takes (plain ASCII, LF line ends, no byte-order mark): the usual export.
  if (isAscii(bytes) && !bytes.includes(0x0d)) return { text: bytes.toString('latin1'), sourceLine: (line) => line };
  const lines = physicalLines(bytes);
  const out: string[] = [];
  const origin: number[] = [];
  let i = 0;
  while (i < lines.length) {
    const start = i;
    const parts = [lines[i++] as Buffer];
    while (i < lines.length && (lines[i] as Buffer)[0] === SPACE) parts.push((lines[i++] as Buffer).subarray(1));
    const logical = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
    const rewritten = isAscii(logical) ? undefined : asBase64Line(logical, `${source}:${start + 1}`);
    if (rewritten === undefined) {
      for (let k = start; k < i; k++) {
        out.push((lines[k] as Buffer).toString('utf8'));
        origin.push(k + 1);
      }
    } else {
      out.push(rewritten);
      origin.push(start + 1);
    }
  }
  return { text: out.join('\n'), sourceLine: (line) => origin[line - 1] ?? lines.length };
}

/** The file's lines without their line ends (LF or CRLF), a leading byte-order mark dropped. */
function physicalLines(bytes: Buffer): Buffer[] {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const lines: Buffer[] = [];
  let from = 0;
  for (;;) {
    const end = body.indexOf(0x0a, from);
    const line = body.subarray(from, end < 0 ? body.length : end);
    lines.push(line[line.length - 1] === 0x0d ? line.subarray(0, -1) : line);
    if (end < 0) return lines;
    from = end + 1;
  }
}

function isAscii(bytes: Buffer): boolean {
  for (const byte of bytes) if (byte > 0x7f) return false;
  return true;
}

/**
 * `attr:: <base64 of the value>` for a plain `attr: value` line (the DN line included); undefined for
 * anything else (comments, base64 or URL values, lines without a colon), which stays as written.
 */
function asBase64Line(line: Buffer, where: string): string | undefined {
  if (line[0] === 0x23 /* # */) return undefined;
  const colon = line.indexOf(COLON);
  if (colon <= 0) return undefined;
  const next = line[colon + 1];
  if (next === COLON || next === 0x3c /* < */) return undefined;
  let start = colon + 1;
  while (line[start] === SPACE) start++;
  const value = line.subarray(start);
  try {
    utf8.decode(value);
  } catch {
    throw new ConfigurationError('DIRECTORY.LDIF_SYNTAX', where, 'not UTF-8 (LDIF text must be UTF-8; a Latin-1 export needs converting)');
  }
  return `${line.subarray(0, colon).toString('utf8')}:: ${value.toString('base64')}`;
}
