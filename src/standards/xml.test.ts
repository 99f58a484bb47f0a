import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { onLinesOfTheirOwn } from './xml.ts';

// A document's pieces: children (some empty, some self-closing), other markup, text and line breaks.
const piece = fc.constantFrom('<Child><Id>1</Id></Child>', '<Child/>', '<Child a="1">x</Child>', '<Other/>', 'text', '\n', '  ', '\r\n', '<Children>', '</Children>');

describe('each element on lines of its own', () => {
  it('only adds line breaks, puts every start tag at the start of a line, and maps each line back to the file', () => {
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
      const text = pieces.join('');
      const laid = onLinesOfTheirOwn(text, 'Child');
      const lines = laid.text.split('\n');
      // Nothing but newlines added: taking out the added ones gives the file back.
      const added = new Set<number>();
      for (let l = 1; l <= lines.length; l++) if (l > 1 && laid.originalLine(l) === laid.originalLine(l - 1)) added.add(l);
      expect(lines.map((s, i) => (i === 0 ? s : added.has(i + 1) ? s : `\n${s}`)).join('')).toBe(text);
      // Every child starts a line (after spaces), and each line maps to a line of the file holding its text.
      for (const [i, s] of lines.entries()) {
        const at = s.search(/<Child[\s>/]/);
        if (at > 0) expect(s.slice(0, at).trim()).toBe('');
        const original = text.split('\n')[laid.originalLine(i + 1) - 1]!;
        expect(original.includes(s.trim())).toBe(true);
      }
    }));
  });

  // How long it takes is the benchmark's (the CIN census read); this checks a large one-line file is laid out right.
  it('puts each of 20,000 children written on one line on a line of its own', () => {
    const text = `<Root>${'<Child><Id>1</Id></Child>'.repeat(20_000)}</Root>`;
    const laid = onLinesOfTheirOwn(text, 'Child');
    expect(laid.text.split('\n')).toHaveLength(20_002);
  });
});
