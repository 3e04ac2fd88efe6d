export const SOURCES: string[];
export function newestFile(paths: string[]): { path: string; mtimeMs: number } | null;
export function buildNeeded(distDir: string, root?: string): string | null;
