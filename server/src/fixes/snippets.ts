// LSP snippet syntax in fixes ($1, ${1:placeholder}, ${1|a,b|}) and the plain text a client without
// snippet support, or a fix applied outside the editor, inserts instead.
import type { Fix, TextEdit } from '../analysis/types';

/**
 * Snippet syntax → the text a client without snippet support should insert: `${1:COMMIT_SHA}` →
 * `COMMIT_SHA`, `${1|a,b|}` → `a`, `$1` / `${2}` / `$0` → nothing, `\$` `\}` `\\` → the character.
 */
export function snippetToPlain(snippet: string): string {
  let out = '';
  let i = 0;
  const readUntilClose = (): string => {
    // Inside `${n:...}`: the placeholder text, which may itself hold snippet syntax.
    let depth = 0;
    let inner = '';
    while (i < snippet.length) {
      const ch = snippet[i];
      if (ch === '\\' && i + 1 < snippet.length) {
        inner += ch + snippet[i + 1];
        i += 2;
        continue;
      }
      if (ch === '$' && snippet[i + 1] === '{') depth++;
      if (ch === '}') {
        if (depth === 0) {
          i++;
          return inner;
        }
        depth--;
      }
      inner += ch;
      i++;
    }
    return inner;
  };
  while (i < snippet.length) {
    const ch = snippet[i];
    if (ch === '\\' && i + 1 < snippet.length && '$}\\'.includes(snippet[i + 1])) {
      out += snippet[i + 1];
      i += 2;
      continue;
    }
    if (ch === '$') {
      const simple = /^\$(\d+)/.exec(snippet.slice(i));
      if (simple) {
        i += simple[0].length;
        continue;
      }
      const braced = /^\$\{(\d+)(:|\||\})/.exec(snippet.slice(i));
      if (braced) {
        i += braced[0].length;
        if (braced[2] === '}') continue;
        if (braced[2] === ':') {
          out += snippetToPlain(readUntilClose());
          continue;
        }
        const choice = readUntilClose(); // `a,b|`
        out += choice.replace(/\|$/, '').split(',')[0];
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

/** A fix's edits as plain text edits (snippet syntax resolved to its placeholders). */
export function plainEdits(fix: Fix): TextEdit[] {
  return fix.snippet ? fix.edits.map((e) => ({ range: e.range, newText: snippetToPlain(e.newText) })) : fix.edits;
}
