import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/workspace.js';
import { UserError } from '../../src/errors.js';

/** A config with one CSV source whose `csv:` block is written as given (YAML flow text). */
const cfg = (csv: string) =>
  `country: DK\ncurrency: DKK\nmunicipalities: ['851']\nperiods: [{ id: '2024', from: 2024-01-01, to: 2024-12-31 }]\n` +
  `pseudonymisation: { key_file: k }\ncatalogue: dk\nsources:\n  - id: a\n    file: a.csv\n    format: csv\n` +
  `    csv: ${csv}\n    target: service\n    period: '2024'\n    columns: { start_date: Fra }\n`;

const delimiter = (csv: string) => parseConfig(cfg(csv), 'tvaerblik.yaml', 'en').sources[0]!.csv!.delimiter;

describe('csv.delimiter: a tab however it is written, one character otherwise', () => {
  it('reads "\\t" (YAML escape), \'\\t\' (two characters as typed) and tab as a tab', () => {
    expect(delimiter('{ delimiter: "\\t" }')).toBe('\t');
    expect(delimiter("{ delimiter: '\\t' }")).toBe('\t');
    expect(delimiter('{ delimiter: tab }')).toBe('\t');
    expect(delimiter("{ delimiter: ';' }")).toBe(';');
    expect(delimiter('{ decimal: "," }')).toBe(',');
  });

  it("refuses a delimiter of several characters, naming the key and the fix in the reader's language", () => {
    for (const [lang, fix] of [
      ['en', 'a delimiter is one character'],
      ['da', 'et skilletegn er ét tegn'],
      ['sv', 'en avgränsare är ett tecken'],
    ] as const) {
      let err: unknown;
      try {
        parseConfig(cfg("{ delimiter: ';;' }"), 'tvaerblik.yaml', lang);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UserError);
      const u = err as UserError;
      expect(u.location.key).toBe('sources.0.csv.delimiter');
      expect(u.location.hint).toContain(fix);
    }
  });

  it('refuses a quote of several characters', () => {
    expect(() => parseConfig(cfg(`{ quote: "''" }`), 'tvaerblik.yaml', 'en')).toThrow(UserError);
    expect(parseConfig(cfg(`{ quote: "" }`), 'tvaerblik.yaml', 'en').sources[0]!.csv!.quote).toBe('');
  });
});

describe('csv.encoding: the names systems give the four encodings', () => {
  const encoding = (e: string) =>
    parseConfig(cfg(`{ encoding: ${JSON.stringify(e)} }`), 'tvaerblik.yaml', 'en').sources[0]!.csv!.encoding;

  it('reads UTF-8, utf8, ISO-8859-1, cp1252, ANSI and the like as the encoding they name', () => {
    expect(['UTF-8', 'utf8', 'Utf-8'].map(encoding)).toEqual(['utf-8', 'utf-8', 'utf-8']);
    expect(['UTF-16', 'utf-16le'].map(encoding)).toEqual(['utf-16', 'utf-16']);
    expect(['cp1252', 'Windows-1252', 'ANSI', 'win1252'].map(encoding)).toEqual(
      Array(4).fill('windows-1252'),
    );
    expect(['ISO-8859-1', 'iso_8859-1', 'Latin1', 'latin-1'].map(encoding)).toEqual(Array(4).fill('latin1'));
  });

  it('still refuses an encoding it cannot read, with the choices', () => {
    let err: unknown;
    try {
      encoding('ebcdic');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).location.key).toBe('sources.0.csv.encoding');
    expect((err as UserError).location.hint).toContain('"windows-1252"');
  });
});
