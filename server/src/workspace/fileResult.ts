// What scanning one file gives (the scanner's, and the notebook scanner's, result for a file).
import type { Finding } from '../analysis/types';

export interface FileResult {
  file: string;
  findings: Finding[];
  /** Why the file was not analysed, when it was not. */
  skipped?: string;
  lines: number;
  ruleErrors?: { code: string; message: string }[];
}
