// Which rule code a position inside a `# nosec …` / `# noqa: …` comment points at (for hover).
// Ruff's S-codes map to the Bandit code of the same number (`S614` → `B614`).

export interface CodeAt {
  code: string;
  start: number;
  end: number;
}

const COMMENT = /#\s*(nosec|noqa)\b/gi;
const CODE = /\b([A-Za-z]{1,3}\d{3})\b/g;

/** The code token at `character` in `line`, when it sits in a nosec/noqa comment. */
export function suppressionCodeAt(line: string, character: number): CodeAt | undefined {
  COMMENT.lastIndex = 0;
  for (let m = COMMENT.exec(line); m; m = COMMENT.exec(line)) {
    const start = m.index;
    // The codes run until a following `#` (the justification) or the end of the line.
    const next = line.indexOf('#', start + 1);
    const end = next === -1 ? line.length : next;
    const segment = line.slice(start, end);
    CODE.lastIndex = 0;
    for (let c = CODE.exec(segment); c; c = CODE.exec(segment)) {
      const s = start + c.index;
      const e = s + c[0].length;
      if (character >= s && character <= e) {
        const raw = c[1].toUpperCase();
        return { code: raw.startsWith('S') && !raw.startsWith('SS') ? `B${raw.slice(1)}` : raw, start: s, end: e };
      }
    }
  }
  return undefined;
}
