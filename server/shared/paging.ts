/** A list query's page: which page, how many rows a page. */
export type PageQuery = { page: number; pageSize: number };

/** The rows a page covers, for a findMany (skip and take). */
export function pageWindow(q: PageQuery) {
  return { skip: (q.page - 1) * q.pageSize, take: q.pageSize };
}
