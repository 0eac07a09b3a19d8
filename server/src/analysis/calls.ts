// The shape of a call's argument list, read once so rules ask questions instead of walking nodes.
import type { Node } from 'web-tree-sitter';

export interface KeywordArgument {
  /** The whole `name=value` node. */
  node: Node;
  name: Node;
  value: Node;
}

export interface CallArguments {
  /** The argument_list node, or null for `f"..."`-style calls without one. */
  list: Node | null;
  positional: Node[];
  keywords: Map<string, KeywordArgument>;
  /** `*args` splats. */
  listSplats: Node[];
  /** `**kwargs` splats (the dictionary_splat nodes). */
  dictSplats: Node[];
}

export function callArguments(call: Node): CallArguments {
  const list = call.childForFieldName('arguments');
  const result: CallArguments = { list, positional: [], keywords: new Map(), listSplats: [], dictSplats: [] };
  if (!list || list.type !== 'argument_list') {
    if (list) result.positional.push(list); // generator-expression argument: f(x for x in y)
    return result;
  }
  for (const arg of list.namedChildren) {
    if (!arg || arg.type === 'comment') continue;
    switch (arg.type) {
      case 'keyword_argument': {
        const name = arg.childForFieldName('name');
        const value = arg.childForFieldName('value');
        if (name && value && !result.keywords.has(name.text)) result.keywords.set(name.text, { node: arg, name, value });
        break;
      }
      case 'list_splat':
        result.listSplats.push(arg);
        break;
      case 'dictionary_splat':
        result.dictSplats.push(arg);
        break;
      default:
        result.positional.push(arg);
    }
  }
  return result;
}

/** The expression after `**` in a dictionary_splat node. */
export function splatExpression(splat: Node): Node | null {
  return splat.namedChildren.find((c) => c?.type !== 'comment') ?? null;
}
