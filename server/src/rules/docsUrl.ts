// Where a rule's documentation page lives. The pages are generated into docs/rules/ (npm run docs);
// the same address is used by SARIF `helpUri` and the diagnostics' `codeDescription`.
export const DOCS_BASE_URL = 'https://github.com/mlsec-dev/mlsec/blob/main/docs/rules/';

export function docsUrl(code: string): string {
  return `${DOCS_BASE_URL}${code}.md`;
}
