// Expected-finding markers in fixture files.
//
//   torch.load(p)  # expect: B614@1-11
//   # expect-next: B614@1-11:low
//
// `CODE@START-END`: 1-based UTF-16 columns on the marked line, END exclusive (the column just after
// the last flagged character). `END` may be `+N:COL` for a range that ends N lines further down.
// An optional `:low` / `:medium` suffix names the confidence (default: high).
// A line `# mlsec-config: {json}` sets analysis options for the whole fixture.
// A line `# expect-message: CODE exact message` asserts the message of the CODE finding that starts
// on the next line that is not itself a marker comment (at least one per rule fixture). Write `{#}`
// for a `#` in the message, so that a message quoting `# nosec` is not itself read as a directive.
import type { Finding } from '../../server/src/analysis/types';

export interface ExpectedFinding {
  line: number; // 0-based
  code: string;
  startCol: number; // 0-based
  endLine: number;
  endCol: number;
  confidence: string;
}

const MARKER = /([A-Z]+\d{3})@(\d+)-(?:\+(\d+):)?(\d+)(?::(low|medium|high))?/g;

export function parseMarkers(text: string): ExpectedFinding[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: ExpectedFinding[] = [];
  lines.forEach((line, i) => {
    const next = /^\s*# expect-next:(.*)$/.exec(line);
    const trailing = /#\s*expect:(.*)$/.exec(line);
    const spec = next ? next[1] : trailing ? trailing[1] : undefined;
    if (spec === undefined) return;
    const target = next ? i + 1 : i;
    for (const m of spec.matchAll(MARKER)) {
      out.push({
        line: target,
        code: m[1],
        startCol: Number(m[2]) - 1,
        endLine: target + (m[3] ? Number(m[3]) : 0),
        endCol: Number(m[4]) - 1,
        confidence: m[5] ?? 'high',
      });
    }
  });
  return out;
}

export interface ExpectedMessage {
  line: number; // 0-based line of the finding
  code: string;
  message: string;
}

export function parseMessages(text: string): ExpectedMessage[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: ExpectedMessage[] = [];
  lines.forEach((line, i) => {
    const m = /^\s*# expect-message: ([A-Z]+\d{3}) (.*)$/.exec(line);
    if (!m) return;
    let target = i + 1;
    while (target < lines.length && /^\s*# expect-(message|next):/.test(lines[target])) target++;
    out.push({ line: target, code: m[1], message: m[2].replace(/\{#\}/g, '#') });
  });
  return out;
}

export function parseFixtureConfig(text: string): Record<string, unknown> {
  const m = /^# mlsec-config: (.*)$/m.exec(text);
  return m ? JSON.parse(m[1]) : {};
}

export function describeExpected(e: ExpectedFinding): string {
  const end = e.endLine === e.line ? `${e.endCol + 1}` : `+${e.endLine - e.line}:${e.endCol + 1}`;
  return `line ${e.line + 1}: ${e.code}@${e.startCol + 1}-${end}${e.confidence !== 'high' ? `:${e.confidence}` : ''}`;
}

export function describeFinding(f: Finding): string {
  return describeExpected({
    line: f.range.start.line,
    code: f.code,
    startCol: f.range.start.character,
    endLine: f.range.end.line,
    endCol: f.range.end.character,
    confidence: f.confidence,
  });
}
