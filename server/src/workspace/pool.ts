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
  /** Jobs sent, in the order the worker handles them: the first is the one running. */
  inFlight: Pending[];
}

const MAX_ATTEMPTS = 2;
/**
 * Jobs handed to one worker at a time: the next file is already waiting when one finishes, so the
 * worker never idles for a round trip through this thread (which may be busy itself).
 */
const PIPELINE_DEPTH = 2;

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
    return this.queue.length > 0 || this.slots.some((s) => s.inFlight.length > 0);
  }

  private pump(): void {
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = undefined;
    }
    while (this.queue.length > 0) {
      // An idle worker first, then a new one, then a second job for a busy one.
      let slot = this.slots.find((s) => s.inFlight.length === 0);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      slot ??= this.slots.find((s) => s.inFlight.length < PIPELINE_DEPTH);
      if (!slot) break;
      const pending = this.queue.shift() as Pending;
      slot.inFlight.push(pending);
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
    const slot: Slot = { worker, inFlight: [] };
    this.slots.push(slot);
    worker.on('message', (reply: WorkerReply) => {
      const index = slot.inFlight.findIndex((p) => p.id === reply.id);
      if (index === -1) return;
      const pending = slot.inFlight.splice(index, 1)[0];
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
      const [running, ...waiting] = slot.inFlight.splice(0);
      // Jobs that had not started did not crash anything: back to the queue as they were.
      for (const p of waiting) p.attempts--;
      if (!this.disposed) this.queue.unshift(...waiting);
      else for (const p of waiting) p.resolve({ file: p.job.file, findings: [], lines: 0, skipped: 'the server is shutting down' });
      if (running) {
        if (running.attempts < MAX_ATTEMPTS && !this.disposed) this.queue.unshift(running);
        else running.resolve({ file: running.job.file, findings: [], lines: 0, skipped: 'the analysis worker crashed on this file' });
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
    for (const s of slots) for (const p of s.inFlight.splice(0)) p.resolve({ file: p.job.file, findings: [], lines: 0, skipped: 'the server is shutting down' });
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
