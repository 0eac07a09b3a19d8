// A one-line progress indicator on a terminal's stderr, shown only when a scan takes a while.
export class Progress {
  private readonly start = Date.now();
  private shown = false;
  private last = 0;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly enabled: boolean,
    private readonly delayMs = 800,
  ) {}

  update(done: number, total: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.start < this.delayMs || now - this.last < 100) return;
    this.last = now;
    this.shown = true;
    const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
    this.stream.write(`\r\x1b[2Kmlsec: scanning ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} files (${pct}%)`);
  }

  /** Text that clears the progress line, to write before another stderr message. */
  clearLine(): string {
    return this.shown ? '\r\x1b[2K' : '';
  }

  finish(): void {
    if (this.shown) this.stream.write('\r\x1b[2K');
  }
}
