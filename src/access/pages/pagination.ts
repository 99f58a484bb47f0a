/**
 * The GOV.UK pagination component's items for page `page` of `pages`: the first and last page,
 * the current page and its neighbours, and an ellipsis for each gap. Pure.
 */
export interface PaginationView {
  previous?: { href: string };
  next?: { href: string };
  items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[];
}

export function paginationView(page: number, pages: number, href: (page: number) => string): PaginationView | null {
  if (pages <= 1) return null;
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const items: PaginationView['items'] = [];
  shown.forEach((n, i) => {
    if (i > 0 && n - shown[i - 1]! > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: href(n), current: n === page });
  });
  return {
    ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
    ...(page < pages ? { next: { href: href(page + 1) } } : {}),
    items,
  };
}
