// A pool of worker threads for scanning files off the language server's main thread. Each worker
// loads the parser once and analyses the files it is sent, a batch of up to 8 per message when many
// are queued; a worker that dies is replaced and its files re-queued (a file that kills two workers
// on its own is reported as skipped, so one bad file cannot loop).
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

/** Files for one worker, analysed in order; one reply with a result per file. */
export interface WorkerRequest {
  id: number;
  jobs: ScanJob[];
}

export type WorkerReply = { id: number; results: FileResult[] } | { id: number; error: string } | { ready: true };

interface Pending {
  job: ScanJob;
  /** Times it was sent alone: a file whose worker dies on it alone for the second time is skipped. */
  attempts: number;
  /** Send it alone: it was in a batch whose worker died, and one of the batch is to blame. */
  solo: boolean;
  resolve: (r: FileResult) => void;
}

interface Batch {
  id: number;
  items: Pending[];
}

interface Slot {
  worker: Worker;
  /** Shared with the worker: which file of the running batch it is on, and since when (encodeProgress). */
  progress: BigInt64Array;
  /** Set when the watchdog stopped the worker: the file of the running batch it was stuck on. */
  stuck?: { index: number; limitMs: number };
  /** Whether the worker has loaded its parser (until then it gets one batch). */
  ready: boolean;
  /** Batches sent, in the order the worker handles them: the first is the one running. */
  inFlight: Batch[];
}

const MAX_ATTEMPTS = 2;
/**
 * Batches handed to one ready worker at a time: the next files are already waiting when a batch
 * ends, so the worker never idles for a round trip through this thread (which may be busy itself).
 */
const PIPELINE_DEPTH = 2;
/** Most files per message: fewer messages, and the last batches still balance the workers. */
const MAX_BATCH = 8;

/** A worker's progress word when it is between files. */
export const IDLE = -1n;
const BATCH_SLOTS = 64n;
const WATCHDOG_INTERVAL_MS = 200;

/** One atomic word for "file `index` of the batch, started at `startMs`" (no torn reads). */
export function encodeProgress(index: number, startMs: number): bigint {
  return BigInt(Math.floor(startMs)) * BATCH_SLOTS + BigInt(index);
}

/**
 * How long a worker may spend on one file before the watchdog stops it: the file's parse budget and
 * analysis budget (each `parseBudgetMs`, as on the main thread) and a second for reading it.
 */
export function fileTimeLimitMs(parseBudgetMs: number): number {
  return parseBudgetMs > 0 ? 2 * parseBudgetMs + 1000 : Number.POSITIVE_INFINITY;
}

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
  private watchdog: NodeJS.Timeout | undefined;
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
      this.queue.push({ job, attempts: 0, solo: false, resolve });
      this.pump();
    });
  }

  /** Drops queued jobs that have not been sent (a new scan supersedes them); they resolve as skipped. */
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
      // An idle worker first, then a new one, then a second batch for a busy one that is ready.
      let slot = this.slots.find((s) => s.inFlight.length === 0);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      slot ??= this.slots.find((s) => s.ready && s.inFlight.length < PIPELINE_DEPTH);
      if (!slot) break;
      // Share what is queued among the workers' pipelines, up to MAX_BATCH files per batch.
      const share = Math.max(1, Math.min(MAX_BATCH, Math.floor(this.queue.length / (this.size * PIPELINE_DEPTH))));
      const items: Pending[] = [this.queue.shift() as Pending];
      if (!items[0].solo) while (items.length < share && this.queue.length > 0 && !this.queue[0].solo) items.push(this.queue.shift() as Pending);
      if (items.length === 1) items[0].attempts++;
      const batch: Batch = { id: this.nextId++, items };
      slot.inFlight.push(batch);
      const request: WorkerRequest = { id: batch.id, jobs: items.map((p) => p.job) };
      slot.worker.postMessage(request);
      this.watch();
    }
    if (!this.busy && this.slots.length > 0 && !this.disposed) {
      this.idleTimer = setTimeout(() => this.stopWorkers(), this.idleMs);
      this.idleTimer.unref();
    }
  }

  private spawn(): Slot {
    const shared = new SharedArrayBuffer(8);
    const worker = new Worker(this.script, { workerData: { progress: shared } });
    this.started++;
    const slot: Slot = { worker, progress: new BigInt64Array(shared), ready: false, inFlight: [] };
    Atomics.store(slot.progress, 0, IDLE);
    this.slots.push(slot);
    worker.on('message', (reply: WorkerReply) => {
      if ('ready' in reply) {
        slot.ready = true;
        this.pump();
        return;
      }
      const index = slot.inFlight.findIndex((b) => b.id === reply.id);
      if (index === -1) return;
      const batch = slot.inFlight.splice(index, 1)[0];
      batch.items.forEach((p, i) => {
        if ('results' in reply && reply.results[i]) p.resolve(reply.results[i]);
        else p.resolve({ file: p.job.file, findings: [], lines: 0, skipped: `analysis failed: ${'error' in reply ? reply.error : 'no result'}` });
      });
      this.pump();
    });
    worker.on('error', () => {
      /* the 'exit' event that follows does the recovery */
    });
    worker.on('exit', () => {
      const index = this.slots.indexOf(slot);
      if (index !== -1) this.slots.splice(index, 1);
      const [running, ...waiting] = slot.inFlight.splice(0);
      const requeue: Pending[] = [];
      if (running && slot.stuck) {
        // Stopped by the watchdog: the file it was stuck on is skipped, the rest of its batch goes back.
        const { index, limitMs } = slot.stuck;
        running.items.forEach((p, i) => {
          if (i === index) p.resolve({ file: p.job.file, findings: [], lines: 0, skipped: `over its time limit: parsing and analysis took longer than ${limitMs} ms` });
          else requeue.push(p);
        });
        for (const b of waiting) requeue.push(...b.items);
        if (this.disposed) for (const p of requeue) p.resolve({ file: p.job.file, findings: [], lines: 0, skipped: 'the server is shutting down' });
        else {
          this.queue.unshift(...requeue);
          this.pump();
        }
        return;
      }
      // A batch that had not started crashed nothing: its files go back as they were. Of a running
      // batch of several, any file may be to blame: each is retried alone, at no cost to its attempts.
      for (const b of waiting)
        for (const p of b.items) {
          if (b.items.length === 1) p.attempts--;
          requeue.push(p);
        }
      if (running) {
        if (running.items.length > 1) {
          for (const p of running.items) p.solo = true;
          requeue.unshift(...running.items);
        } else if (running.items[0].attempts < MAX_ATTEMPTS) {
          requeue.unshift(running.items[0]);
        } else {
          const p = running.items[0];
          p.resolve({ file: p.job.file, findings: [], lines: 0, skipped: 'the analysis worker crashed on this file' });
        }
      }
      if (this.disposed) for (const p of requeue) p.resolve({ file: p.job.file, findings: [], lines: 0, skipped: 'the server is shutting down' });
      else {
        this.queue.unshift(...requeue);
        this.pump();
      }
    });
    return slot;
  }

  /**
   * While files are out, checks a few times a second whether a worker has been on one file past its
   * time limit, and stops it (the parse in workers runs without the parser's own budget check).
   */
  private watch(): void {
    if (this.watchdog) return;
    this.watchdog = setInterval(() => {
      if (!this.busy || this.disposed) {
        clearInterval(this.watchdog);
        this.watchdog = undefined;
        return;
      }
      const now = Date.now();
      for (const slot of this.slots) {
        const running = slot.inFlight[0];
        const word = Atomics.load(slot.progress, 0);
        if (!running || word < 0n || slot.stuck) continue;
        const index = Number(word % BATCH_SLOTS);
        const started = Number(word / BATCH_SLOTS);
        const item = running.items[index];
        if (!item) continue;
        const limitMs = fileTimeLimitMs(item.job.parseBudgetMs);
        if (now - started > limitMs) {
          slot.stuck = { index, limitMs };
          void slot.worker.terminate();
        }
      }
    }, WATCHDOG_INTERVAL_MS);
    this.watchdog.unref();
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
    if (this.watchdog) clearInterval(this.watchdog);
    this.clearQueue();
    const slots = this.slots.splice(0);
    for (const s of slots) for (const b of s.inFlight.splice(0)) for (const p of b.items) p.resolve({ file: p.job.file, findings: [], lines: 0, skipped: 'the server is shutting down' });
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
