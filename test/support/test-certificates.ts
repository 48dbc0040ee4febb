import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestCertificates {
  caFile: string;
  certFile: string;
  keyFile: string;
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

/** A CA and a server certificate for localhost / 127.0.0.1, made with openssl into `dir`. */
export function makeCertificates(dir: string): TestCertificates {
  const d = (f: string): string => join(dir, f);
  const ssl = (...args: string[]): void => void execFileSync('/usr/bin/openssl', args, { stdio: 'pipe' });
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=privacy-desk test CA', '-keyout', d('ca.key'), '-out', d('ca.crt'));
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-keyout', d('server.key'), '-out', d('server.csr'));
  writeFileSync(d('server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  ssl('x509', '-req', '-in', d('server.csr'), '-CA', d('ca.crt'), '-CAkey', d('ca.key'), '-CAcreateserial', '-days', '2', '-extfile', d('server.ext'), '-out', d('server.crt'));
  return {
    caFile: d('ca.crt'),
    certFile: d('server.crt'),
    keyFile: d('server.key'),
    ca: readFileSync(d('ca.crt')),
    cert: readFileSync(d('server.crt')),
    key: readFileSync(d('server.key')),
  };
}
