// Validates a SARIF log against the official SARIF 2.1.0 JSON schema (rtm.5, the text OASIS
// approved), which `@microsoft/jest-sarif` ships. The schema is draft-04, hence `ajv-draft-04`;
// its `language` pattern is not a valid Unicode-mode regular expression, hence `unicodeRegExp: false`.
import * as fs from 'fs';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';

let validate: ValidateFunction | undefined;

export const SARIF_SCHEMA_FILE = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

/** The schema errors of `log` (empty when it is valid), as `path: message` lines. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (!validate) {
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(fs.readFileSync(SARIF_SCHEMA_FILE, 'utf8')));
  }
  if (validate(log)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'}: ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}
