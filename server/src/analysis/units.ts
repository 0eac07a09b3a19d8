// The units of incremental analysis. A keystroke re-checks the units it touched, and keeps the
// findings of the others. A unit is a top-level statement, except that a class is cut into its
// header (decorators, name, bases) and the statements of its body, each a unit of its own; classes
// nested in a class body are cut the same way. So typing inside a method of a 3,000-line class
// re-checks that method, not the class.
//
// Why this is sound (the property tests compare with a fresh analysis):
//   - A function's body is evaluated in its own scope, whose enclosing scopes are the module's (a
//     class body is not visible from its methods). What a function binds stays inside it (`global`
//     aside, which module-level scope building ignores as well), so a function unit needs nothing
//     from other units but the module scope.
//   - A class-body statement sees the names the class body binds. The store compares, per class,
//     what the re-checked statements bind at class level before and after an edit, and re-checks
//     the whole class when that changed (documentStore.ts).
//   - Module-level bindings are compared the same way for the module scope (as before).
import type { Node } from 'web-tree-sitter';
import type { RowSpan } from './incremental';

export interface Unit {
  /** What the unit consists of, in document order: one statement, or a class's header parts. */
  roots: Node[];
  /** The node whose bindings at its level the unit carries: the statement, or the (decorated) class. */
  owner: Node;
  /** Rows, inclusive. */
  span: RowSpan;
  /** Text offsets: the unit's text is text.slice(start, end). */
  start: number;
  end: number;
  /** Index of the class (in `containers`) whose body holds the unit; -1 at module level. */
  container: number;
  /** A function definition (decorated or not): nothing it binds is seen outside it. */
  isFunction: boolean;
}

export interface Container {
  /** The class's rows and offsets, decorators included. */
  span: RowSpan;
  start: number;
  end: number;
  /** The enclosing class, -1 at module level. */
  parent: number;
}

export interface Units {
  units: Unit[];
  containers: Container[];
}

/** Past this depth of classes nested in class bodies a class stays one unit (bounded work). */
const MAX_CLASS_DEPTH = 32;

function classOf(statement: Node): Node | null {
  if (statement.type === 'class_definition') return statement;
  if (statement.type === 'decorated_definition') {
    const definition = statement.childForFieldName('definition');
    if (definition?.type === 'class_definition') return definition;
  }
  return null;
}

function isFunctionStatement(statement: Node): boolean {
  if (statement.type === 'function_definition') return true;
  return statement.type === 'decorated_definition' && statement.childForFieldName('definition')?.type === 'function_definition';
}

function rowsOf(node: Node): RowSpan {
  return { lo: node.startPosition.row, hi: node.endPosition.row };
}

/** The units of a module, in document order, without overlaps. */
export function analysisUnits(root: Node): Units {
  const units: Unit[] = [];
  const containers: Container[] = [];
  // Explicit work list (hostile nesting must not overflow the stack): statements still to place.
  const work: { statement: Node; container: number; depth: number }[] = [];
  const pushChildren = (parent: Node, container: number, depth: number) => {
    const children = parent.children;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) work.push({ statement: child, container, depth });
    }
  };
  pushChildren(root, -1, 0);
  for (let item = work.pop(); item; item = work.pop()) {
    const { statement, container, depth } = item;
    const cls = depth < MAX_CLASS_DEPTH ? classOf(statement) : null;
    const body = cls?.childForFieldName('body');
    if (!cls || !body || body.type !== 'block' || body.childCount === 0 || body.startIndex <= statement.startIndex) {
      units.push({ roots: [statement], owner: statement, span: rowsOf(statement), start: statement.startIndex, end: statement.endIndex, container, isFunction: isFunctionStatement(statement) });
      continue;
    }
    const header: Node[] = [];
    if (statement.id !== cls.id) for (const c of statement.children) if (c && c.id !== cls.id) header.push(c);
    for (const c of cls.children) if (c && c.id !== body.id) header.push(c);
    const headerEnd = body.startIndex;
    const lastHeaderRow = Math.max(statement.startPosition.row, ...header.map((h) => h.endPosition.row));
    units.push({ roots: header, owner: statement, span: { lo: statement.startPosition.row, hi: lastHeaderRow }, start: statement.startIndex, end: headerEnd, container, isFunction: false });
    containers.push({ span: rowsOf(statement), start: statement.startIndex, end: statement.endIndex, parent: container });
    pushChildren(body, containers.length - 1, depth + 1);
  }
  return { units, containers };
}

/** Whether container `inner` is `outer` or lies inside it. */
export function withinContainer(containers: readonly Container[], inner: number, outer: number): boolean {
  for (let c = inner; c !== -1; c = containers[c].parent) if (c === outer) return true;
  return false;
}
