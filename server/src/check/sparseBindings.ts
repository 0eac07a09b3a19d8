// What a module-level line binds, read from its text for the sparse plan's closure (check/sparse.ts):
// the names an import or an assignment may bind, so that a name bound to something a rule looks for
// is searched in its turn.
import type { LogicalLine } from '../analysis/logicalLines';
import { PYTHON_KEYWORDS } from './sparseNeedles';

const IDENTIFIERS = /[A-Za-z_][A-Za-z0-9_]*/g;
const IMPORT_LINE = /^(?:from[ \t\\].*?)?\bimport\b/s;
const PLAIN_IMPORT = /^import\s+([\s\S]+)$/;
const FROM_IMPORT = /^from\s+(\.*)([A-Za-z_][\w.]*)?\s+import\s+([\s\S]+)$/;
const ITEM = /^([A-Za-z_][\w]*(?:\s*\.\s*[A-Za-z_]\w*)*)(?:\s+as\s+([A-Za-z_]\w*))?$/;

/**
 * What an import line binds, name by name, with the qualified name bound (null: something no callee
 * can start from, as a relative import). Undefined when the line is not read exactly.
 */
export function importBindings(code: string): { name: string; value: string | null }[] | undefined {
  const flat = code
    .replace(/#[^\r\n]*/g, '')
    .replace(/\\\r?\n|\\\r/g, ' ')
    .trim();
  const plain = PLAIN_IMPORT.exec(flat);
  const from = plain ? null : FROM_IMPORT.exec(flat);
  if (!plain && !from) return undefined;
  const list = (plain ? plain[1] : (from as RegExpExecArray)[3])
    .replace(/^\(|\)$/g, '')
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
  const out: { name: string; value: string | null }[] = [];
  for (const item of list) {
    const m = ITEM.exec(item);
    if (!m) return undefined;
    const dotted = m[1].replace(/\s+/g, '');
    if (plain) out.push(m[2] ? { name: m[2], value: dotted } : { name: dotted.split('.')[0], value: dotted.split('.')[0] });
    else {
      const [, dots, module] = from as RegExpExecArray;
      if (dotted.includes('.')) return undefined;
      out.push({ name: m[2] ?? dotted, value: dots || !module ? null : `${module}.${dotted}` });
    }
  }
  return out;
}

/**
 * Names a module-level line may bind (a superset): after `import`, or before its last plain `=`.
 * `callWordOnly`: the line holds only a call rule's word, so an imported name no call rule's callee
 * can start from (`nn` from `import torch.nn as nn`, when only `torch.load` is looked for) is left out.
 */
export function boundNames(text: string, line: LogicalLine, callWordOnly: boolean, couldStart: (value: string) => boolean): string[] {
  const code = text.slice(line.codeStart, line.end);
  let part: string | undefined;
  const imp = IMPORT_LINE.exec(code);
  if (imp) {
    const bindings = callWordOnly ? importBindings(code) : undefined;
    if (bindings) return bindings.filter((b) => b.value !== null && couldStart(b.value)).map((b) => b.name);
    part = code.slice(imp[0].length);
  } else if (line.assigns.length > 0) part = text.slice(line.codeStart, line.assigns[line.assigns.length - 1]);
  if (part === undefined) return [];
  return (part.match(IDENTIFIERS) ?? []).filter((w) => !PYTHON_KEYWORDS.has(w));
}

/**
 * What a module-level import line binds, name by name with the qualified name bound (null: nothing
 * a callee starts from), read exactly; undefined when the line is not an import read exactly.
 */
export function importedValues(text: string, line: LogicalLine): { name: string; value: string | null }[] | undefined {
  const code = text.slice(line.codeStart, line.end);
  return IMPORT_LINE.test(code) ? importBindings(code) : undefined;
}
