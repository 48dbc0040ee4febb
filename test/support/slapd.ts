import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForPort } from './free-port';
import { makeCertificates } from './test-certificates';
import { hasExecutable } from './services';

export const SLAPD = '/usr/sbin/slapd';
export const SLAPADD = '/usr/sbin/slapadd';
export const slapdAvailable = (): boolean => hasExecutable(SLAPD) && hasExecutable(SLAPADD) && hasExecutable('/usr/bin/openssl');

export interface SlapdOptions {
  suffix: string;
  /** LDIF loaded offline before the server starts. */
  ldif: string;
  /** Extra schema files from /etc/ldap/schema (core, cosine, inetorgperson are always loaded). */
  schemas?: string[];
}

/**
 * A real OpenLDAP server for tests: own config, own ports (ldap:// and ldaps://), own TLS
 * certificates, seeded from the test's own LDIF. `stop()` and `start()` again keep the data, to test
 * reconnects.
 */
export class Slapd {
  readonly dir = mkdtempSync(join(tmpdir(), 'privacy-desk-slapd-'));
  readonly rootDn: string;
  readonly rootPassword = 'test-secret';
  readonly readerDn: string;
  readonly readerPassword = 'reader-secret';
  port = 0;
  tlsPort = 0;
  private process?: ChildProcess;

  constructor(private readonly options: SlapdOptions) {
    this.rootDn = `cn=admin,${options.suffix}`;
    this.readerDn = `cn=reader,${options.suffix}`;
  }

  get url(): string {
    return `ldap://127.0.0.1:${this.port}`;
  }

  get tlsUrl(): string {
    return `ldaps://localhost:${this.tlsPort}`;
  }

  get caFile(): string {
    return join(this.dir, 'ca.crt');
  }

  /** Writes config, certificates and data; then starts the server. */
  async setUp(): Promise<void> {
    this.port = await freePort();
    this.tlsPort = await freePort();
    makeCertificates(this.dir);
    mkdirSync(join(this.dir, 'db'));
    const schemas = ['core', 'cosine', 'inetorgperson', ...(this.options.schemas ?? [])];
    writeFileSync(
      join(this.dir, 'slapd.conf'),
      [
        ...schemas.map((s) => `include /etc/ldap/schema/${s}.schema`),
        `pidfile ${join(this.dir, 'slapd.pid')}`,
        `argsfile ${join(this.dir, 'slapd.args')}`,
        'modulepath /usr/lib/ldap',
        'moduleload back_mdb',
        `TLSCACertificateFile ${this.caFile}`,
        `TLSCertificateFile ${join(this.dir, 'server.crt')}`,
        `TLSCertificateKeyFile ${join(this.dir, 'server.key')}`,
        'sizelimit unlimited',
        // Searches outside the suffix are referred elsewhere (to test referral handling).
        'referral ldap://127.0.0.1:9/',
        'database mdb',
        'maxsize 4294967296',
        `suffix "${this.options.suffix}"`,
        `rootdn "${this.rootDn}"`,
        `rootpw ${this.rootPassword}`,
        `directory ${join(this.dir, 'db')}`,
        'index objectClass eq',
        'index mail,uid,cn eq',
        `access to attrs=userPassword by self write by anonymous auth by * none`,
        `access to * by dn.exact="${this.readerDn}" read by * none`,
        '',
      ].join('\n'),
    );
    const reader = `dn: ${this.readerDn}\nobjectClass: person\nobjectClass: simpleSecurityObject\ncn: reader\nsn: reader\nuserPassword: ${this.readerPassword}\n\n`;
    writeFileSync(join(this.dir, 'seed.ldif'), `${this.options.ldif.trimEnd()}\n\n${reader}`);
    execFileSync(SLAPADD, ['-q', '-f', join(this.dir, 'slapd.conf'), '-l', join(this.dir, 'seed.ldif')], { stdio: 'pipe' });
    await this.start();
  }

  async start(): Promise<void> {
    this.process = spawn(SLAPD, ['-f', join(this.dir, 'slapd.conf'), '-h', `ldap://127.0.0.1:${this.port}/ ldaps://127.0.0.1:${this.tlsPort}/`, '-d', '0'], {
      stdio: 'ignore',
    });
    await waitForPort(this.port);
    await waitForPort(this.tlsPort);
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
    this.process = undefined;
  }

  async tearDown(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

}
