// What Bandit's XML checks (B313–B319 calls, B405–B409 imports) have in common: the attacks, the
// replacement (defusedxml) and the message. Each rule file keeps its own list and example.
import type { RuleDocs } from './rule';
import { cweUrl } from './rule';

export const XML_WHY_BAD =
  'The standard library\'s XML parsers expand entities: a few hundred bytes of nested entity definitions ("billion laughs") become gigabytes in memory, and some parsers (`xml.sax`, `pulldom` with a feature turned on) fetch external entities, which reads local files or makes requests from the server. Annotation files, dataset manifests (Pascal VOC, CVAT exports) and uploaded configs are often XML from someone else. `defusedxml` offers the same functions with these features refused.';

export const XML_REFERENCES = ['https://docs.python.org/3/library/xml.html#xml-vulnerabilities', 'https://github.com/tiran/defusedxml'];

/** The finding of an XML parser call (B313–B319). */
export function xmlCallMessage(name: string): string {
  return `\`${name}\` parses XML without protection against entity expansion and external entities; use its \`defusedxml\` equivalent for XML from outside`;
}

/** The finding of an XML parser import (B405–B409). */
export function xmlImportMessage(name: string): string {
  return `\`${name}\` is imported: its XML parsers are open to entity-expansion and external-entity attacks; use \`defusedxml\` or call \`defusedxml.defuse_stdlib()\``;
}

/** Docs of an XML check: `what` says what is flagged, `example`/`useInstead` are the rule's own. */
export function xmlDocs(what: string, example: string, useInstead: string, banditUrl: string): RuleDocs {
  return {
    whatItDoes: what,
    whyBad: XML_WHY_BAD,
    example,
    useInstead,
    fixSafety: 'No fix: `defusedxml` is a separate package the project may not depend on yet, and it raises on documents the standard parser accepted.',
    options: 'None.',
    references: [...XML_REFERENCES, banditUrl, cweUrl(20)],
  };
}
