/** A misspelt shipped catalogue id (`catalogue: sw`, `--catalogue dkk`) names the id it probably is. */
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/catalogue.js';
import { userErrorOf } from '../helpers/user-error.js';

describe('a catalogue that is not there', () => {
  it('suggests the shipped id a typo is closest to, in the reader’s language', () => {
    const e = userErrorOf(() => loadCatalogue('sw'));
    expect(e.message).toBe('Catalogue "sw" not found – did you mean "se"?');
    expect(e.localise!('da').message).toBe('Kataloget "sw" findes ikke – mente du "se"?');
    expect(userErrorOf(() => loadCatalogue('dkk')).message).toContain('did you mean "dk"?');
  });
  it('names the file of a path, without a guess', () => {
    const e = userErrorOf(() => loadCatalogue('./mine/my-catalogue.yaml'));
    expect(e.message).toContain('my-catalogue.yaml');
    expect(e.message).not.toContain('did you mean');
  });
});
