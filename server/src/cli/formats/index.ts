// The report formats of `mlsec scan`, chosen by `--format`, and `--statistics` in place of the report.
import type { FileResult } from '../../workspace/scanner';
import type { Rule } from '../../rules/rule';
import { formatText } from './text';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatGithub } from './github';
import { formatGitlab } from './gitlab';
import { formatJunit } from './junit';
import { formatStatisticsJson, formatStatisticsText } from './statistics';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab', 'junit'] as const;
export type Format = (typeof FORMATS)[number];
/** The formats `--statistics` can be printed in. */
export const STATISTICS_FORMATS: readonly Format[] = ['text', 'json'];

export function isFormat(s: string): s is Format {
  return (FORMATS as readonly string[]).includes(s);
}

/** Formats whose output a program reads: progress and fix summaries go to stderr instead. */
export function isMachineReadable(format: Format): boolean {
  return format !== 'text';
}

export interface ReportContext {
  rules: readonly Rule[];
  cwd: string;
  version: string;
  color: boolean;
  statistics: boolean;
}

export function renderReport(format: Format, results: FileResult[], c: ReportContext): string {
  if (c.statistics) return format === 'json' ? formatStatisticsJson(results) : formatStatisticsText(results);
  switch (format) {
    case 'json':
      return formatJson(results, c.cwd, c.version);
    case 'sarif':
      return formatSarif(results, c.rules, c.cwd, c.version);
    case 'github':
      return formatGithub(results, c.cwd);
    case 'gitlab':
      return formatGitlab(results, c.cwd);
    case 'junit':
      return formatJunit(results, c.cwd);
    case 'text':
      return formatText(results, c.cwd, c.color);
  }
}
