// Spans of text offsets [start, end): the parts of a file an incremental analysis reads and checks.

export interface TextSpan {
  start: number;
  end: number;
}

const BLANKS = /^[ \t\f\r\n\\]*$/;

/**
 * Sorted, merged copies of the spans: overlapping and touching spans are joined, and so are spans
 * separated by blanks only when `text` is given (fewer, longer spans search faster).
 */
export function mergeSpans(spans: readonly TextSpan[], text?: string): TextSpan[] {
  const sorted = spans.map((s) => ({ start: s.start, end: s.end })).sort((a, b) => a.start - b.start);
  const out: TextSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && (s.start <= last.end || (text !== undefined && s.start - last.end < 4096 && BLANKS.test(text.slice(last.end, s.start))))) last.end = Math.max(last.end, s.end);
    else out.push(s);
  }
  return out;
}

/** Index of the span holding `offset` among sorted, disjoint spans, or -1. */
export function spanIndexAt(spans: readonly TextSpan[], offset: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (offset < spans[mid].start) hi = mid - 1;
    else if (offset >= spans[mid].end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Whether `offset` lies in one of the sorted, merged spans. */
export function within(spans: readonly TextSpan[], offset: number): boolean {
  return spanIndexAt(spans, offset) !== -1;
}
