// Folder settings written by people: `~` means the home folder, a relative path is relative to the
// file that names it.
import * as os from 'os';
import * as path from 'path';

/** `~`, `~/x` → the home folder; anything else resolved against `base`. */
export function resolveFolderSetting(value: string, base: string): string {
  const home = value === '~' || value.startsWith('~/') || value.startsWith('~\\') ? os.homedir() + value.slice(1) : value;
  return path.resolve(base, home);
}
