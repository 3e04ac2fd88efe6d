import 'server-only';
import Papa from 'papaparse';
import type { z } from 'zod';
import { issueReason, keyedReason, type ErrorKey, type ErrorParams } from '../shared/error-key';

// The one reader of an imported CSV (units, meter readings): a header row names the columns
// (any of a column's accepted names, in any case), then one record per line. Problems are
// keys of the errors catalog with params (the UI renders them), plus their English text.

export interface ImportProblem {
  line: number;
  column: string;
  /** English, for logs and tests; the UI renders `key` with `params` */
  reason: string;
  key: ErrorKey;
  params: ErrorParams;
}

/** At most this many problems are reported for one file. */
export const MAX_PROBLEMS = 1000;

/**
 * The file's records as objects of the known columns, each validated by `schema` (lines
 * numbered as in a spreadsheet: the header is line 1). A missing required column, an empty
 * file or too many rows stops at once with that one problem.
 */
export function readCsvRecords<C extends string, T>(
  csv: string,
  spec: { columns: Record<C, readonly string[]>; required: readonly C[]; maxRows: number; schema: z.ZodType<T> },
): { rows: (T & { line: number })[]; problems: ImportProblem[] } {
  const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const [header, ...data] = parsed.data;
  const stop = (line: number, column: string, key: ErrorKey, params?: ErrorParams) => ({ rows: [], problems: [{ line, column, ...keyedReason(key, params) }] });
  if (!header) return stop(1, '', 'fileEmpty');
  const index = new Map<C, number>();
  header.forEach((h, i) => {
    const name = h.trim().toLowerCase();
    for (const [col, names] of Object.entries(spec.columns) as [C, readonly string[]][]) {
      if (names.includes(name) && !index.has(col)) index.set(col, i);
    }
  });
  const missing = spec.required.filter((col) => !index.has(col));
  if (missing.length) {
    return {
      rows: [],
      problems: missing.map((col) => ({ line: 1, column: col, ...keyedReason('missingColumn', { headers: `"${spec.columns[col].join('" / "')}"` }) })),
    };
  }
  if (data.length === 0) return stop(2, '', 'headerNoRows');
  if (data.length > spec.maxRows) return stop(spec.maxRows + 2, '', 'maxRows', { max: spec.maxRows });
  const problems: ImportProblem[] = parsed.errors.map((e) => ({ line: (e.row ?? 0) + 1, column: '', ...keyedReason('csvError', { detail: e.message }) }));
  const rows: (T & { line: number })[] = [];
  data.forEach((cells, i) => {
    const line = i + 2;
    const r = spec.schema.safeParse(Object.fromEntries([...index].map(([col, at]) => [col, cells[at] ?? ''])));
    if (r.success) rows.push({ ...r.data, line });
    else if (problems.length < MAX_PROBLEMS)
      for (const issue of r.error.issues) problems.push({ line, column: String(issue.path[0] ?? ''), ...issueReason(issue.message) });
  });
  return { rows, problems };
}
