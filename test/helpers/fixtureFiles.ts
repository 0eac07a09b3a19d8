// Where the rule fixtures live and which of them are inputs (not `.fixed.py` results). Shared by the
// fixture-driven tests; kept out of any `.test` file, because a test file imported by another is
// loaded (and its tests registered) once more in every parallel mocha worker that imports it.
import * as fs from 'fs';
import * as path from 'path';

export const FIXTURE_DIR = path.resolve(__dirname, '../../../test/fixtures/rules');

export function fixtureFiles(): string[] {
  return fs
    .readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.py') && !f.endsWith('.fixed.py'))
    .sort();
}
