// Run as its own process by the scan section: starts `threads` scan workers of the bundle
// (dist/worker.js) the way the pool does, and prints, as JSON, how long until each said it is ready
// (thread start, bundle load, wasm instantiation) — the start-up a scan pays before any file.
import { Worker } from 'worker_threads';

async function main(script: string, threads: number): Promise<void> {
  const t0 = performance.now();
  const workers = Array.from({ length: threads }, () => new Worker(script, { workerData: {} }));
  const ready = await Promise.all(
    workers.map(
      (w) =>
        new Promise<number>((resolve, reject) => {
          w.once('message', () => resolve(performance.now() - t0));
          w.once('error', reject);
        }),
    ),
  );
  await Promise.all(workers.map((w) => w.terminate()));
  process.stdout.write(JSON.stringify({ allReadyMs: Math.max(...ready), firstReadyMs: Math.min(...ready) }));
}

if (require.main === module) {
  main(process.argv[2], Number(process.argv[3] ?? 2)).catch((e) => {
    process.stderr.write(String((e as Error)?.stack ?? e));
    process.exitCode = 1;
  });
}
