import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paginationView } from './pagination.ts';

describe('pagination', () => {
  it('always offers the first, last and current page, in order, marks only the current one, and never two gaps in a row', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 500 }).chain((pages) => fc.tuple(fc.constant(pages), fc.integer({ min: 1, max: pages }))), ([pages, page]) => {
      const view = paginationView(page, pages, (n) => `?page=${n}`)!;
      const numbers = view.items.flatMap((i) => ('number' in i ? [i.number] : []));
      expect(numbers).toContain(1);
      expect(numbers).toContain(pages);
      expect(numbers).toContain(page);
      expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);
      expect(view.items.filter((i) => 'current' in i && i.current)).toEqual([{ number: page, href: `?page=${page}`, current: true }]);
      view.items.forEach((item, i) => { if ('ellipsis' in item) expect('ellipsis' in (view.items[i + 1] ?? {})).toBe(false); });
      expect(view.previous?.href ?? null).toBe(page > 1 ? `?page=${page - 1}` : null);
      expect(view.next?.href ?? null).toBe(page < pages ? `?page=${page + 1}` : null);
    }));
  });

  it('shows nothing for one page', () => {
    expect(paginationView(1, 1, String)).toBeNull();
  });
});
