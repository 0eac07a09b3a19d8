// The server's log: window/logMessage at a level the user picks (mlsec.logLevel). VS Code's client
// writes each message into the `mlsec` output channel at the matching level; other editors keep it
// in their LSP log. Lines are short facts: what started, what was scanned, what was skipped and why.
import type { Connection } from 'vscode-languageserver/node';
import type { LogLevel } from '../config/settings';

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export class Logger {
  level: LogLevel = 'info';

  constructor(private readonly connection: Connection) {}

  private enabled(level: LogLevel): boolean {
    return RANK[level] <= RANK[this.level];
  }

  error(message: string): void {
    this.connection.console.error(message);
  }

  warn(message: string): void {
    if (this.enabled('warn')) this.connection.console.warn(message);
  }

  info(message: string): void {
    if (this.enabled('info')) this.connection.console.info(message);
  }

  debug(message: string): void {
    if (this.enabled('debug')) this.connection.console.debug(message);
  }
}
