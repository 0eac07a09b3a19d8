// The `mlsec/status` notification that drives the VS Code status bar: scan progress and the total
// number of findings. Sent at most every `intervalMs`, and at once when the state flips.
import type { Connection } from 'vscode-languageserver/node';
import { STATUS_NOTIFICATION } from '../protocol';

export { STATUS_NOTIFICATION };

export interface StatusParams {
  state: 'idle' | 'scanning';
  done?: number;
  total?: number;
  findings: number;
}

export class StatusReporter {
  private last: string | undefined;
  private lastState: StatusParams['state'] | undefined;
  private timer: NodeJS.Timeout | undefined;
  private scan: { done: number; total: number } | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly countFindings: () => number,
    private readonly intervalMs = 200,
  ) {}

  scanning(done: number, total: number): void {
    this.scan = { done, total };
    this.changed();
  }

  idle(): void {
    this.scan = undefined;
    this.changed();
  }

  /** Something that may change the findings count happened. */
  changed(): void {
    const state = this.scan ? 'scanning' : 'idle';
    if (state !== this.lastState) {
      this.flush();
      return;
    }
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.intervalMs);
      this.timer.unref();
    }
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const params: StatusParams = this.scan ? { state: 'scanning', done: this.scan.done, total: this.scan.total, findings: this.countFindings() } : { state: 'idle', findings: this.countFindings() };
    const key = JSON.stringify(params);
    if (key === this.last) return;
    this.last = key;
    this.lastState = params.state;
    void this.connection.sendNotification(STATUS_NOTIFICATION, params);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
