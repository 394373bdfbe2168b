/** Where in the user's input a problem was found; never holds a raw person id. */
export interface ErrorLocation {
  file?: string;
  row?: number;
  column?: string;
  key?: string;
  hint?: string;
}

/** A problem the user can fix (bad config, bad extract). The CLI maps it to exit code 2; a bug stays a plain Error. */
export class UserError extends Error {
  readonly location: ErrorLocation;
  readonly exitCode: number;
  /** The message and fix in another language, for errors made from the message catalogues. */
  readonly localise?: (lang: 'da' | 'sv' | 'en') => { message: string; hint?: string };
  constructor(
    message: string,
    location: ErrorLocation = {},
    exitCode = 2,
    localise?: (lang: 'da' | 'sv' | 'en') => { message: string; hint?: string },
  ) {
    super(message);
    this.name = 'UserError';
    this.location = location;
    this.exitCode = exitCode;
    if (localise) this.localise = localise;
  }

  /** The message with file, row, column and the fix, one per line (in `lang` when the error can say it). */
  describe(lang?: 'da' | 'sv' | 'en'): string {
    const { file, row, column, key } = this.location;
    const local = lang && this.localise ? this.localise(lang) : undefined;
    const message = local ? local.message : this.message;
    const hint = local ? local.hint : this.location.hint;
    const where = [
      file && `file: ${file}`,
      row !== undefined && `row: ${row}`,
      column && `column: ${column}`,
      key && `key: ${key}`,
    ].filter(Boolean);
    return [
      message,
      ...(where.length ? [`  (${where.join(', ')})`] : []),
      ...(hint ? [`  → ${hint}`] : []),
    ].join('\n');
  }
}
