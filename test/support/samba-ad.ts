import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Attribute, Change, Client } from 'ldapts';
import * as ldif from 'ldif';
import { hasExecutable } from './services';

export const SAMBA = '/usr/sbin/samba';
export const SAMBA_TOOL = '/usr/bin/samba-tool';
export const PYTHON = '/usr/bin/python3';
export const OPENSSL = '/usr/bin/openssl';
export const sambaAvailable = (): boolean => [SAMBA, SAMBA_TOOL, PYTHON, OPENSSL].every(hasExecutable);

/** Samba's LDAP server listens on the standard ports; there is no option to move them. */
export const LDAP_PORT = 389;
export const LDAPS_PORT = 636;

const REALM = 'EXAMPLE.TEST';
const PROVISION_OPTIONS = [
  '--realm=EXAMPLE.TEST',
  '--domain=EXAMPLE',
  '--server-role=dc',
  '--dns-backend=NONE',
  '--host-name=dc1',
  '--option=interfaces=127.0.0.1',
  '--option=bind interfaces only=yes',
  '--option=server services = ldap',
];
/** What `provision` does not persist, and what keeps the instance inside its own folder. */
const RUN_OPTIONS = (dir: string): string[] => [
  // Simple binds over ldap:// (the adapter's tests bind without TLS, as OpenLDAP's do).
  'ldap server require strong auth = no',
  // Otherwise /run/samba/samba.pid, shared with any other Samba on the machine.
  `pid directory = ${dir}`,
  `log file = ${join(dir, 'log.%m')}`,
];

/** Ports 389/636 are machine-wide: one Samba at a time, across jest workers and test runs. */
const LOCK_FILE = join(tmpdir(), 'privacy-desk-samba-ad.lock');
/** Each run's copy of the domain: a folder in the temp folder named so. */
const RUN_PREFIX = 'privacy-desk-samba-ad-run-';
/** The provisioned domain each run copies, cached per Samba version and options. */
const TEMPLATE_PREFIX = 'privacy-desk-samba-ad-template-';
interface LockRecord {
  owner: number;
  samba?: number;
  config?: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * A real Active Directory domain controller for tests: Samba's AD DC, provisioned into a temporary
 * folder (from a provisioned template cached in the OS's temp folder per Samba version), serving
 * LDAP on 127.0.0.1:389 and LDAPS on 127.0.0.1:636. Only one can run on a machine at a time, so
 * `setUp()` takes a lock file first and `tearDown()` gives it back.
 *
 * Samba runs in the foreground (`-i`) with its stdin a pipe from this process: it terminates by
 * itself on EOF, so even a test process that is killed outright does not leave it running.
 */
export class SambaAd {
  readonly realm = REALM;
  readonly baseDn = 'DC=example,DC=test';
  readonly adminUpn = 'Administrator@example.test';
  readonly adminPassword = 'Passw0rd!Test';
  readonly url = `ldap://127.0.0.1:${LDAP_PORT}`;
  readonly tlsUrl = `ldaps://127.0.0.1:${LDAPS_PORT}`;
  /** Milliseconds per phase, for the record: template (a few ms when cached), copy, start. */
  readonly timings: Record<string, number> = {};
  dir = '';
  private process?: ChildProcess;
  private ownsLock = false;
  private tornDown = false;
  private readonly exitHook = (): void => this.cleanUpSync();

  get config(): string {
    return join(this.dir, 'etc', 'smb.conf');
  }

  /** The CA that signed the server's certificate (for 127.0.0.1, localhost and dc1.example.test). */
  get caFile(): string {
    return join(this.dir, 'private', 'tls', 'ca.pem');
  }

  /** Where Samba writes its log (stdout and stderr of the server). */
  get logFile(): string {
    return join(this.dir, 'samba.log');
  }

  /** Takes the lock, copies a provisioned domain into a fresh folder and starts Samba on it. */
  async setUp(lockTimeoutMs = 90_000): Promise<void> {
    process.once('exit', this.exitHook);
    await this.acquireLock(lockTimeoutMs);
    this.checkNotTornDown();
    let started = Date.now();
    const template = await this.template();
    this.timings.template = Date.now() - started;
    this.checkNotTornDown();
    started = Date.now();
    this.dir = mkdtempSync(join(tmpdir(), RUN_PREFIX));
    copyDomain(template.dir, this.dir);
    writeRunConfig(template, this.dir, this.config);
    this.timings.copy = Date.now() - started;
    started = Date.now();
    await this.start();
    this.timings.start = Date.now() - started;
    if (this.tornDown) {
      // tearDown() ran meanwhile (a hook's timeout): nothing may stay behind.
      await this.tearDown();
      this.checkNotTornDown();
    }
  }

  async start(): Promise<void> {
    await this.launch(this.config);
  }

  /** Stops Samba (the data stays, for a later `start()`). */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.stdin?.end();
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }

  /** Stops Samba, removes its folder and releases the lock — whatever state setUp() got to. */
  async tearDown(): Promise<void> {
    this.tornDown = true;
    try {
      await this.stop();
    } finally {
      if (this.dir) rmSync(this.dir, { recursive: true, force: true });
      this.releaseLock();
      process.removeListener('exit', this.exitHook);
    }
  }

  private checkNotTornDown(): void {
    if (this.tornDown) {
      this.releaseLock();
      throw new Error('Samba AD: torn down while it was being set up');
    }
  }

  /** The last lines Samba logged, for error messages. */
  logTail(lines = 30): string {
    return readTail(this.logFile, lines);
  }

  private async launch(config: string, logFile = this.logFile): Promise<void> {
    for (const port of [LDAP_PORT, LDAPS_PORT]) {
      if (await portOpen(port)) {
        throw new Error(`port ${port} is already taken on this machine (another Samba or LDAP server?) — Samba's AD DC needs it; see: ss -ltnp`);
      }
    }
    const log = openSync(logFile, 'a');
    const child = spawn(SAMBA, ['-s', config, '-M', 'single', '-i', '--debug-stdout'], { stdio: ['pipe', log, log] });
    closeSync(log);
    child.stdin?.on('error', () => undefined);
    this.process = child;
    if (child.pid !== undefined) this.writeLock({ owner: process.pid, samba: child.pid, config });
    const deadline = Date.now() + 20_000;
    for (const port of [LDAP_PORT, LDAPS_PORT]) {
      while (!(await portOpen(port))) {
        if (child.exitCode !== null || child.signalCode !== null) {
          this.process = undefined;
          throw new Error(`samba exited (${child.exitCode ?? child.signalCode}) before listening on ${port}:\n${readTail(logFile)}`);
        }
        if (Date.now() > deadline) {
          await this.stop();
          throw new Error(`samba did not listen on ${port} within 20 s:\n${readTail(logFile)}`);
        }
        await sleep(50);
      }
    }
  }

  /**
   * A provisioned domain, cached in the temp folder per Samba version and provision options, with
   * a TLS certificate for 127.0.0.1 signed by a CA of its own (`caFile`) — Samba's self-signed one
   * names only dc1.example.test. It is started once when made, so that one-time work is done.
   */
  private async template(): Promise<{ dir: string; provisionedAt: string }> {
    const version = execFileSync(SAMBA, ['--version'], { encoding: 'utf8' }).trim();
    const key = createHash('sha256').update(JSON.stringify([version, PROVISION_OPTIONS, this.adminPassword, CERTIFICATES])).digest('hex').slice(0, 12);
    const dir = join(tmpdir(), `${TEMPLATE_PREFIX}${version.replace(/[^A-Za-z0-9.]+/g, '_')}-${key}`);
    const marker = join(dir, 'PROVISIONED_AT');
    if (existsSync(marker)) return { dir, provisionedAt: readFileSync(marker, 'utf8') };
    rmSync(dir, { recursive: true, force: true });
    const building = mkdtempSync(`${dir}.building-`);
    try {
      await promisify(execFile)(PYTHON, [SAMBA_TOOL, 'domain', 'provision', `--targetdir=${building}`, `--adminpass=${this.adminPassword}`, ...PROVISION_OPTIONS], {
        maxBuffer: 16 * 1024 * 1024,
        timeout: 120_000,
      });
      makeCertificates(join(building, 'private', 'tls'));
      const firstRun = join(building, 'etc', 'smb.first-run.conf');
      writeRunConfig({ dir: building, provisionedAt: building }, building, firstRun);
      await this.launch(firstRun, join(building, 'first-run.log'));
      await this.stop();
      for (const leftover of ['samba.pid', 'etc/smb.first-run.conf']) rmSync(join(building, leftover), { force: true });
      writeFileSync(join(building, 'PROVISIONED_AT'), building);
      renameSync(building, dir);
      // Templates of other Samba versions or options, and builds that died half-way (all made
      // under the lock, which this process holds): gone.
      for (const other of readdirSync(tmpdir())) {
        if (other.startsWith(TEMPLATE_PREFIX) && join(tmpdir(), other) !== dir) rmSync(join(tmpdir(), other), { recursive: true, force: true });
      }
    } catch (error) {
      await this.stop();
      rmSync(building, { recursive: true, force: true });
      throw error;
    }
    return { dir, provisionedAt: building };
  }

  private async acquireLock(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        writeFileSync(LOCK_FILE, JSON.stringify({ owner: process.pid } satisfies LockRecord), { flag: 'wx' });
        this.ownsLock = true;
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const text = readLockText();
      const record = parseLock(text);
      if (text !== undefined && !record && Date.now() - mtime(LOCK_FILE) < 5_000) {
        await sleep(100); // being written
        continue;
      }
      if (!record || !alive(record.owner)) {
        await reclaimStaleLock(text, record);
        continue;
      }
      if (this.tornDown) throw new Error('Samba AD: torn down while waiting for the lock');
      if (Date.now() > deadline) {
        throw new Error(`${LOCK_FILE}: process ${record.owner} has held Samba's ports for over ${timeoutMs / 1000} s`);
      }
      await sleep(250);
    }
  }

  private writeLock(record: LockRecord): void {
    if (this.ownsLock) writeFileSync(LOCK_FILE, JSON.stringify(record));
  }

  private releaseLock(): void {
    if (!this.ownsLock) return;
    this.ownsLock = false;
    if (parseLock(readLockText())?.owner === process.pid) rmSync(LOCK_FILE, { force: true });
  }

  /** Last resort when the test process exits without tearDown(): nothing may outlive it. */
  private cleanUpSync(): void {
    this.process?.kill('SIGKILL');
    this.releaseLock();
  }
}

function readTail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function readLockText(): string | undefined {
  try {
    return readFileSync(LOCK_FILE, 'utf8');
  } catch {
    return undefined;
  }
}

function parseLock(text: string | undefined): LockRecord | undefined {
  try {
    const record = JSON.parse(text ?? '') as LockRecord;
    return typeof record.owner === 'number' ? record : undefined;
  } catch {
    return undefined;
  }
}

function mtime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * The lock's owner died without releasing it. If the Samba it started is somehow still running,
 * that one process is ended — recognised by its pid, its executable and the files it holds open in
 * the run's own folder (Samba rewrites its command line, so that cannot tell) — and the run's
 * folder removed; then the lock goes.
 */
async function reclaimStaleLock(text: string | undefined, record: LockRecord | undefined): Promise<void> {
  const folder = record?.config ? dirname(dirname(record.config)) : undefined;
  const ours = folder !== undefined && dirname(folder) === tmpdir() && basename(folder).startsWith(RUN_PREFIX);
  const leftover = record?.samba;
  const running = (pid: number): boolean => {
    try {
      if (readlinkSync(`/proc/${pid}/exe`) !== SAMBA) return false;
      return readdirSync(`/proc/${pid}/fd`).some((fd) => readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith(`${folder}/`));
    } catch {
      return false; // gone (a zombie has no exe link any more)
    }
  };
  if (ours && leftover && running(leftover)) {
    process.kill(leftover, 'SIGKILL');
    for (let waited = 0; waited < 5_000 && running(leftover); waited += 50) await sleep(50);
  }
  if (ours) rmSync(folder, { recursive: true, force: true });
  // Remove it only if it is still the stale record (another process may have reclaimed it already).
  if (readLockText() === text) {
    try {
      unlinkSync(LOCK_FILE);
    } catch {
      // someone else did
    }
  }
}

/** What the template's certificates are, in its cache key. */
const CERTIFICATES = 'own CA; server: DNS:localhost, DNS:dc1.example.test, IP:127.0.0.1';

/**
 * Samba's default TLS files (private/tls/{ca,cert,key}.pem): a CA and a server certificate made
 * with openssl. Samba only makes its own when they are missing, and wants the key readable by its
 * owner alone.
 */
function makeCertificates(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const d = (f: string): string => join(dir, f);
  const ssl = (...args: string[]): void => void execFileSync(OPENSSL, args, { stdio: 'pipe' });
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '3650', '-subj', '/CN=privacy-desk test AD CA', '-keyout', d('ca.key'), '-out', d('ca.pem'));
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=dc1.example.test', '-keyout', d('key.pem'), '-out', d('server.csr'));
  writeFileSync(d('server.ext'), 'subjectAltName=DNS:localhost,DNS:dc1.example.test,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  ssl('x509', '-req', '-in', d('server.csr'), '-CA', d('ca.pem'), '-CAkey', d('ca.key'), '-CAcreateserial', '-days', '3650', '-extfile', d('server.ext'), '-out', d('cert.pem'));
  chmodSync(d('key.pem'), 0o600);
  for (const f of ['ca.key', 'ca.srl', 'server.csr', 'server.ext']) rmSync(d(f), { force: true });
}

/** Copies a provisioned domain; sockets (Samba's ldapi) are made anew by the server. */
function copyDomain(from: string, to: string): void {
  cpSync(from, to, { recursive: true, force: true, filter: (source) => !lstatSync(source).isSocket() });
}

/** The provisioned smb.conf with the folder's own paths and the run options added to [global]. */
function writeRunConfig(template: { dir: string; provisionedAt: string }, dir: string, target: string): void {
  const provisioned = readFileSync(join(template.dir, 'etc', 'smb.conf'), 'utf8');
  const moved = provisioned.split(template.provisionedAt).join(dir);
  const extra = RUN_OPTIONS(dir)
    .map((line) => `\t${line}\n`)
    .join('');
  if (!moved.includes('[global]\n')) throw new Error(`${template.dir}/etc/smb.conf has no [global] section`);
  writeFileSync(target, moved.replace('[global]\n', `[global]\n${extra}`));
}

// ---------------------------------------------------------------------------------------------
// The demo organisation in Active Directory
// ---------------------------------------------------------------------------------------------

/** Where the loader puts the demo organisation. */
export const DEMO_OU = 'OU=Example Corp,DC=example,DC=test';
export const DEMO_PEOPLE_OU = `OU=People,${DEMO_OU}`;
export const DEMO_GROUPS_OU = `OU=Groups,${DEMO_OU}`;

/** userAccountControl flags (MS-ADTS 2.2.16). */
export const UAC = { ACCOUNTDISABLE: 0x2, NORMAL_ACCOUNT: 0x200, WORKSTATION_TRUST_ACCOUNT: 0x1000, DONT_EXPIRE_PASSWORD: 0x10000 } as const;

/** The password every loaded account gets (AD's complexity rules: three character classes, ≥ 7). */
export const DEMO_PASSWORD = 'Demo-Passw0rd!';

export interface DemoInAd {
  /** Person mail (lower case) → the user's DN in AD. */
  people: Map<string, string>;
  /** Group cn → the group's DN in AD. */
  groups: Map<string, string>;
  /** A disabled user (userAccountControl ACCOUNTDISABLE) with mail and UPN, member of All Staff. */
  disabled: { dn: string; mail: string };
  /** A computer account (objectClass computer, objectCategory Computer) with mail, member of All Staff. */
  computer: { dn: string; mail: string };
  /** An ordinary domain user in CN=Users: can read, cannot change other people's entries. */
  reader: { dn: string; upn: string; password: string };
  /** Whether AD took the Project Phoenix ⇄ Project Ember cycle (it does; recorded for the report). */
  cycleAccepted: boolean;
  /** Milliseconds the load took. */
  ms: number;
}

type Raw = Map<string, string[]>;

/** RFC 4514: the escaped value of one RDN. */
export function escapeRdnValue(value: string): string {
  return value
    .replace(/[\\,+"<>;=]/g, (c) => `\\${c}`)
    .replace(/^[ #]/, (c) => `\\${c}`)
    .replace(/ $/, '\\ ');
}

const password = (text: string): Buffer => Buffer.from(`"${text}"`, 'utf16le');

/** ldapts' object form of an entry takes strings only; unicodePwd is binary. */
function entryOf(record: Record<string, string | string[] | Buffer>): Attribute[] {
  return Object.entries(record).map(([type, value]) => new Attribute({ type, values: Buffer.isBuffer(value) ? [value] : Array.isArray(value) ? value : [value] }));
}
const firstOf = (raw: Raw, name: string): string | undefined => raw.get(name.toLowerCase())?.[0];
const dnKey = (dn: string): string => dn.replace(/\s*([,=])\s*/g, '$1').toLowerCase();

/** sAMAccountName: at most 20 characters, none of "/\[]:;|=,+*?<>, not ending in a dot. */
function samAccountName(uid: string, taken: Set<string>): string {
  const base = uid.replace(/["/\\[\]:;|=,+*?<>@]/g, '').slice(0, 20).replace(/\.+$/, '');
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 20 - String(n).length)}${n}`;
  taken.add(name.toLowerCase());
  return name;
}

/** inetOrgPerson (the demo LDIF) → AD user attributes. AD's are single-valued: the first value wins. */
const PERSON_ATTRIBUTES: readonly (readonly [ldifName: string, adName: string, convert?: (value: string) => string])[] = [
  ['displayName', 'displayName'],
  ['givenName', 'givenName'],
  ['sn', 'sn'],
  ['title', 'title'],
  ['o', 'company'],
  ['ou', 'department'],
  ['physicalDeliveryOfficeName', 'physicalDeliveryOfficeName'],
  ['telephoneNumber', 'telephoneNumber'],
  ['mobile', 'mobile'],
  ['homePhone', 'homePhone'],
  ['pager', 'pager'],
  ['facsimileTelephoneNumber', 'facsimileTelephoneNumber'],
  ['street', 'streetAddress'],
  ['postalCode', 'postalCode'],
  ['l', 'l'],
  ['st', 'st'],
  // labeledURI is "URI label"; wWWHomePage is the URI alone.
  ['labeledURI', 'wWWHomePage', (value) => value.split(' ')[0] ?? value],
  ['description', 'info'],
  ['preferredLanguage', 'preferredLanguage'],
];

/**
 * Creates the demo organisation (data/demo/demo-org.ldif) in the running AD over LDAPS as
 * Administrator: an OU with People and Groups, the 30 people as enabled users (password set with
 * `unicodePwd` in the add, `userAccountControl` NORMAL_ACCOUNT — as AD wants it, over TLS), the 16
 * groups with nested members and the Phoenix ⇄ Ember cycle, plus a disabled user, a computer
 * account and an ordinary domain user to bind as.
 */
export async function loadDemoOrganisation(samba: SambaAd, ldifText: string): Promise<DemoInAd> {
  const started = Date.now();
  const entries = ldif.parse(ldifText).entries.map((entry) => {
    const raw: Raw = new Map();
    for (const [name, value] of Object.entries(entry.toObject({ decode: true }).attributes)) {
      const list = (Array.isArray(value) ? value : [value]).map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v)));
      raw.set(name.toLowerCase(), [...(raw.get(name.toLowerCase()) ?? []), ...list]);
    }
    return { dn: dnKey(entry.dn), raw };
  });
  const classes = (raw: Raw): string[] => (raw.get('objectclass') ?? []).map((c) => c.toLowerCase());
  const persons = entries.filter((e) => classes(e.raw).includes('inetorgperson'));
  const groupEntries = entries.filter((e) => classes(e.raw).some((c) => c === 'groupofnames' || c === 'groupofuniquenames'));

  // LDAPS: AD sets passwords only over an encrypted connection. Samba's certificate is self-signed.
  const client = new Client({ url: samba.tlsUrl, timeout: 20_000, connectTimeout: 10_000, tlsOptions: { rejectUnauthorized: false } });
  try {
    await client.bind(samba.adminUpn, samba.adminPassword);
    for (const [dn, ou] of [
      [DEMO_OU, 'Example Corp'],
      [DEMO_PEOPLE_OU, 'People'],
      [DEMO_GROUPS_OU, 'Groups'],
    ] as const) {
      await client.add(dn, { objectClass: ['top', 'organizationalUnit'], ou, description: `privacy-desk demo organisation: ${ou}` });
    }

    const taken = new Set<string>();
    const adDnOf = new Map<string, string>(); // LDIF DN key → AD DN
    const people = new Map<string, string>();
    for (const { dn, raw } of persons) {
      const mail = firstOf(raw, 'mail');
      const cn = firstOf(raw, 'cn');
      if (!mail || !cn) throw new Error(`demo LDIF: ${dn} has no mail or cn`);
      const adDn = `CN=${escapeRdnValue(cn)},${DEMO_PEOPLE_OU}`;
      const attributes: Record<string, string | Buffer> = {
        sAMAccountName: samAccountName(firstOf(raw, 'uid') ?? mail.split('@')[0] ?? cn, taken),
        userPrincipalName: mail,
        mail,
      };
      for (const [from, to, convert] of PERSON_ATTRIBUTES) {
        const value = firstOf(raw, from);
        if (value !== undefined) attributes[to] = convert ? convert(value) : value;
      }
      await client.add(adDn, entryOf({
        objectClass: ['top', 'person', 'organizationalPerson', 'user'],
        cn,
        ...attributes,
        unicodePwd: password(DEMO_PASSWORD),
        userAccountControl: String(UAC.NORMAL_ACCOUNT),
      }));
      adDnOf.set(dn, adDn);
      people.set(mail.toLowerCase(), adDn);
    }

    // Managers once every person exists: AD's `manager` names another entry by its DN.
    for (const { dn, raw } of persons) {
      const manager = firstOf(raw, 'manager');
      if (!manager) continue;
      const managerDn = adDnOf.get(dnKey(manager));
      if (!managerDn) throw new Error(`demo LDIF: manager ${manager} of ${dn} is not an entry of the file`);
      await client.modify(adDnOf.get(dn) as string, [new Change({ operation: 'replace', modification: new Attribute({ type: 'manager', values: [managerDn] }) })]);
    }

    const groups = new Map<string, string>();
    for (const { dn, raw } of groupEntries) {
      const cn = firstOf(raw, 'cn');
      if (!cn) throw new Error(`demo LDIF: ${dn} has no cn`);
      const adDn = `CN=${escapeRdnValue(cn)},${DEMO_GROUPS_OU}`;
      adDnOf.set(dn, adDn);
      groups.set(cn, adDn);
    }
    // Groups first with their people, then the group members: AD only takes members that exist.
    const groupDns = new Set(groupEntries.map((g) => g.dn));
    const membersOf = (raw: Raw, kind: 'people' | 'groups'): string[] =>
      [...(raw.get('member') ?? []), ...(raw.get('uniquemember') ?? [])]
        .map((m) => dnKey(m.replace(/#'[01]+'B$/, '')))
        .filter((m) => groupDns.has(m) === (kind === 'groups'))
        .map((m) => {
          const adDn = adDnOf.get(m);
          if (!adDn) throw new Error(`demo LDIF: member ${m} is not an entry of the file`);
          return adDn;
        });
    for (const { raw } of groupEntries) {
      const cn = firstOf(raw, 'cn') as string;
      const memberPeople = membersOf(raw, 'people');
      await client.add(groups.get(cn) as string, {
        objectClass: ['top', 'group'],
        cn,
        sAMAccountName: cn.slice(0, 20),
        ...(firstOf(raw, 'description') ? { description: firstOf(raw, 'description') as string } : {}),
        ...(memberPeople.length > 0 ? { member: memberPeople } : {}),
      });
    }
    let cycleAccepted = true;
    for (const { raw } of groupEntries) {
      const cn = firstOf(raw, 'cn') as string;
      const memberGroups = membersOf(raw, 'groups');
      if (memberGroups.length === 0) continue;
      try {
        await client.modify(groups.get(cn) as string, [new Change({ operation: 'add', modification: new Attribute({ type: 'member', values: memberGroups }) })]);
      } catch (error) {
        if (!/Project (Phoenix|Ember)/.test(cn)) throw error;
        cycleAccepted = false; // would be reported by the suite
      }
    }

    // Accounts that must never be read as people: a disabled user and a computer, both with mail
    // and UPN (so that only the profile's filter keeps them out), both members of All Staff.
    const allStaff = groups.get('All Staff');
    if (!allStaff) throw new Error('demo LDIF: no group All Staff');
    const disabled = { dn: `CN=Dora Disabled,${DEMO_PEOPLE_OU}`, mail: 'dora.disabled@example.com' };
    await client.add(disabled.dn, entryOf({
      objectClass: ['top', 'person', 'organizationalPerson', 'user'],
      cn: 'Dora Disabled',
      sAMAccountName: 'dora.disabled',
      userPrincipalName: disabled.mail,
      mail: disabled.mail,
      displayName: 'Dora Disabled',
      givenName: 'Dora',
      sn: 'Disabled',
      unicodePwd: password(DEMO_PASSWORD),
      userAccountControl: String(UAC.NORMAL_ACCOUNT | UAC.ACCOUNTDISABLE),
    }));
    const computer = { dn: `CN=WS-0042,${DEMO_OU}`, mail: 'ws-0042@example.com' };
    await client.add(computer.dn, {
      objectClass: ['top', 'person', 'organizationalPerson', 'user', 'computer'],
      cn: 'WS-0042',
      sAMAccountName: 'WS-0042$',
      dNSHostName: 'ws-0042.example.test',
      userPrincipalName: computer.mail,
      mail: computer.mail,
      displayName: 'WS-0042 (workstation)',
      userAccountControl: String(UAC.WORKSTATION_TRUST_ACCOUNT),
    });
    await client.modify(allStaff, [new Change({ operation: 'add', modification: new Attribute({ type: 'member', values: [disabled.dn, computer.dn] }) })]);

    // An ordinary domain user, outside the demo OU, without mail or userPrincipalName: binds by
    // its implicit UPN sAMAccountName@realm and never counts as a person of the organisation.
    const reader = { dn: 'CN=Privacy Desk Reader,CN=Users,DC=example,DC=test', upn: 'privacydesk-reader@example.test', password: 'Reader-Passw0rd!' };
    await client.add(reader.dn, entryOf({
      objectClass: ['top', 'person', 'organizationalPerson', 'user'],
      cn: 'Privacy Desk Reader',
      sAMAccountName: 'privacydesk-reader',
      description: 'privacy-desk: read-only bind account (tests)',
      unicodePwd: password(reader.password),
      userAccountControl: String(UAC.NORMAL_ACCOUNT | UAC.DONT_EXPIRE_PASSWORD),
    }));

    return { people, groups, disabled, computer, reader, cycleAccepted, ms: Date.now() - started };
  } finally {
    await client.unbind().catch(() => undefined);
  }
}
