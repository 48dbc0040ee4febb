import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** A `privacy-desk serve` process of its own, as a second machine would run it. */
export class ServeInstance {
  private child?: ChildProcess;
  private output = '';
  url = '';

  constructor(
    readonly name: string,
    private readonly env: Record<string, string>,
    /** The process's working folder (the checkout by default): a PostgreSQL instance keeps its demo sources in its `data` folder. */
    private readonly cwd = ROOT,
  ) {}

  /** Starts the process and resolves with its URL once it listens. */
  async start(timeoutMs = 60_000): Promise<string> {
    const child = spawn(process.execPath, ['-r', join(ROOT, 'test', 'support', 'ts-register.cjs'), join(ROOT, 'test', 'support', 'serve-instance.ts')], {
      cwd: this.cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_NO_WARNINGS: '1', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name} did not start in time:\n${this.output}`)), timeoutMs);
      child.stdout?.on('data', (chunk: Buffer) => {
        this.output += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(this.output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1] as string);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${this.name} exited with ${code}:\n${this.output}`));
      });
    });
    return this.url;
  }

  /** What the process wrote (its JSON log lines on stderr). */
  get log(): string {
    return this.output;
  }

  /** `kill -9`: gone at once, nothing finished or cleaned up. */
  kill(): void {
    this.child?.kill('SIGKILL');
  }

  /** Stops it as an operator would (SIGTERM), and waits until it has exited. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}
