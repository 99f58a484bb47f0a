import Table from 'cli-table3';

/** The widest a table may be unless the command was given --wide (and narrower on a narrower terminal). */
export const TABLE_WIDTH = 100;

type TableOptions = ConstructorParameters<typeof Table>[0] & {
  head?: string[];
  /** Print every cell on one line however wide the table gets. */
  wide?: boolean;
  /** The width to fit (default: TABLE_WIDTH, or the terminal's when narrower). */
  width?: number;
};
type Cell = string | number;

const lineWidth = (text: string) => Math.max(0, ...text.split('\n').map((l) => [...l].length));

/** Text wrapped to `width` characters a line: at spaces, and inside a word only when it is longer than a line. */
export function wrapText(text: string, width: number): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    let current = '';
    for (const word of line.split(' ')) {
      let rest = [...word];
      const candidate = current === '' ? word : `${current} ${word}`;
      if ([...candidate].length <= width) {
        current = candidate;
        continue;
      }
      if (current !== '') out.push(current);
      while (rest.length > width) {
        out.push(rest.slice(0, width).join(''));
        rest = rest.slice(width);
      }
      current = rest.join('');
    }
    out.push(current);
  }
  return out.join('\n');
}

/**
 * Column widths that fit `width` characters, borders included, or null when the table fits as it
 * is. Each column first gets its longest word (`least`), so words are not broken where they need
 * not be; what is left goes to the columns that would wrap, in proportion to what they lack.
 */
export function fitColumns(natural: readonly number[], width: number, least: readonly number[] = natural.map(() => 3)): number[] | null {
  const borders = natural.length + 1;
  const budget = width - borders;
  if (natural.reduce((s, w) => s + w, 0) <= budget) return null;
  const floor = natural.map((w, i) => Math.min(w, Math.max(3, least[i] ?? 3)));
  let widths: number[];
  if (floor.reduce((s, w) => s + w, 0) <= budget) {
    const lack = natural.map((w, i) => w - floor[i]!);
    const totalLack = lack.reduce((s, w) => s + w, 0);
    const spare = budget - floor.reduce((s, w) => s + w, 0);
    widths = floor.map((w, i) => w + Math.floor((spare * lack[i]!) / totalLack));
  } else {
    // Not even the longest words fit: share evenly, columns that need less keeping their width.
    widths = natural.map(() => 3);
    let left = budget;
    let open = natural.map((_, i) => i);
    while (open.length > 0) {
      const fair = Math.floor(left / open.length);
      const fits = open.filter((i) => natural[i]! <= fair);
      if (fits.length === 0) {
        for (const i of open) widths[i] = Math.max(3, fair);
        break;
      }
      for (const i of fits) {
        widths[i] = natural[i]!;
        left -= natural[i]!;
      }
      open = open.filter((i) => natural[i]! > fair);
    }
  }
  return widths;
}

/**
 * A table for the terminal. Colour only on a terminal and when NO_COLOR is not set
 * (https://no-color.org): piped into a file or another program, it is plain text. It fits
 * TABLE_WIDTH columns, wrapping the widest cells, unless `wide` is set.
 */
export function terminalTable(options: TableOptions = {}) {
  const { wide, width, ...tableOptions } = options;
  const colour = process.stdout.isTTY === true && !process.env.NO_COLOR;
  const terminal = process.stdout.isTTY === true && process.stdout.columns ? process.stdout.columns : TABLE_WIDTH;
  const fit = width ?? Math.min(TABLE_WIDTH, terminal);
  const rows: Cell[][] = [];
  return {
    push(...more: Cell[][]) {
      rows.push(...more);
    },
    toString(): string {
      const columns = Math.max(tableOptions.head?.length ?? 0, ...rows.map((r) => r.length));
      // Each cell's longest line, plus a space either side.
      const natural = Array.from({ length: columns }, (_, i) => 2 + Math.max(lineWidth(tableOptions.head?.[i] ?? ''), ...rows.map((r) => lineWidth(String(r[i] ?? '')))));
      const longestWord = (text: string) => Math.max(0, ...text.split(/[\s]+/).map((w) => [...w].length));
      const least = Array.from({ length: columns }, (_, i) => 2 + Math.max(longestWord(tableOptions.head?.[i] ?? ''), ...rows.map((r) => longestWord(String(r[i] ?? '')))));
      const colWidths = wide ? null : fitColumns(natural, fit, least);
      // Cells are wrapped here, not by cli-table3, which cuts a word longer than its column short with '…'.
      const wrap = (cell: Cell | undefined, i: number) => (colWidths ? wrapText(String(cell ?? ''), colWidths[i]! - 2) : cell ?? '');
      const table = new Table({
        ...tableOptions,
        ...(tableOptions.head ? { head: tableOptions.head.map((h, i) => String(wrap(h, i))) } : {}),
        ...(colWidths ? { colWidths } : {}),
        style: { ...(colour ? {} : { head: [], border: [] }), ...tableOptions.style },
      });
      table.push(...rows.map((r) => r.map(wrap)));
      return table.toString();
    },
  };
}
