// A pool of worker threads for scanning files off the language server's main thread. Each worker
// loads the parser once and analyses one file per job; a worker that dies is replaced and its job
// re-queued (a job that kills two workers is reported as skipped, so one bad file cannot loop).
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { AnalysisConfig } from '../config/analysisConfig';
import type { FileResult } from './scanner';

export interface ScanJob {
  file: string;
  config: AnalysisConfig;
  parseBudgetMs: number;
}

export interface WorkerRequest {
  id: number;
  job: ScanJob;
}

export type WorkerReply = { id: number; result: FileResult } | { id: number; error: string };

interface Pending {
  id: number;
  job: ScanJob;
  attempts: number;
  resolve: (r: FileResult) => void;
}

interface Slot {
  worker: Worker;
  current?: Pending;
}

const MAX_ATTEMPTS = 2;

/** The worker script: beside this module, in the compiled tree and in the bundle alike. */
export function defaultWorkerScript(): string {
  return path.join(__dirname, 'worker.js');
}

export function defaultPoolSize(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private disposed = false;
  private idleTimer: NodeJS.Timeout | undefined;
  /** Workers started so far (replacements included), for tests. */
  started = 0;

  constructor(
    private readonly script: string = defaultWorkerScript(),
    private readonly size: number = defaultPoolSize(),
    /** Workers are stopped after this long without work (they hold a parser each). */
    private readonly idleMs = 30_000,
  ) {}

  run(job: ScanJob): Promise<FileResult> {
    if (this.disposed) return Promise.resolve({ file: job.file, findings: [], lines: 0, skipped: 'the server is shutting down' });
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, job, attempts: 0, resolve });
      this.pump();
    });
  }

  /** Drops queued jobs that have not started (a new scan supersedes them); they resolve as skipped. */
  clearQueue(): void {
    for (const p of this.queue.splice(0)) p.resolve({ file: p.job.file, findings: [], lines: 0, skipped: 'cancelled' });
  }

  get busy(): boolean {
    return this.queue.length > 0 || this.slots.some((s) => s.current);
  }

  private pump(): void {
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = undefined;
    }
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.current);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) break;
      const pending = this.queue.shift() as Pending;
      slot.current = pending;
      pending.attempts++;
      const request: WorkerRequest = { id: pending.id, job: pending.job };
      slot.worker.postMessage(request);
    }
    if (!this.busy && this.slots.length > 0 && !this.disposed) {
      this.idleTimer = setTimeout(() => this.stopWorkers(), this.idleMs);
      this.idleTimer.unref();
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.script);
    this.started++;
    const slot: Slot = { worker };
    this.slots.push(slot);
    worker.on('message', (reply: WorkerReply) => {
      const pending = slot.current;
      if (!pending || pending.id !== reply.id) return;
      slot.current = undefined;
      if ('result' in reply) pending.resolve(reply.result);
      else pending.resolve({ file: pending.job.file, findings: [], lines: 0, skipped: `analysis failed: ${reply.error}` });
      this.pump();
    });
    worker.on('error', () => {
      /* the 'exit' event that follows does the recovery */
    });
    worker.on('exit', () => {
      const index = this.slots.indexOf(slot);
      if (index !== -1) this.slots.splice(index, 1);
      const pending = slot.current;
      slot.current = undefined;
      if (pending) {
        if (pending.attempts < MAX_ATTEMPTS && !this.disposed) this.queue.unshift(pending);
        else pending.resolve({ file: pending.job.file, findings: [], lines: 0, skipped: 'the analysis worker crashed on this file' });
      }
      if (!this.disposed) this.pump();
    });
    return slot;
  }

  /** Stops the workers now if none is busy (after a workspace scan: each holds a parser and a heap). */
  release(): void {
    this.stopWorkers();
  }

  private stopWorkers(): void {
    if (this.busy) return;
    for (const slot of this.slots.splice(0)) void slot.worker.terminate();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.clearQueue();
    const slots = this.slots.splice(0);
    for (const s of slots) s.current?.resolve({ file: s.current.job.file, findings: [], lines: 0, skipped: 'the server is shutting down' });
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
