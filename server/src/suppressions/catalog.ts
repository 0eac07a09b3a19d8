// What the suppression pass knows of the rules: their codes (a `# nosec ML101` names one of ours, a
// `# nosec XYZ1` nothing) and the metadata of the hygiene rules whose findings it makes. It is handed
// a catalog built from the registry by the layer that holds it, never imports the registry itself.
import type { RuleMeta } from '../rules/rule';

export type RuleCatalog = ReadonlyMap<string, RuleMeta>;

export function ruleCatalog(rules: readonly RuleMeta[]): RuleCatalog {
  return new Map(rules.map((r) => [r.code, r]));
}

/** ML900 reports on files, ML901–ML904 on suppression comments: a `# nosec` naming them is never "unused". */
export function isHygieneCode(code: string): boolean {
  return /^ML9\d\d$/.test(code);
}
