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
  constructor(message: string, location: ErrorLocation = {}, exitCode = 2) {
    super(message);
    this.name = 'UserError';
    this.location = location;
    this.exitCode = exitCode;
  }

  /** The message with file, row, column and the fix, one per line. */
  describe(): string {
    const { file, row, column, key, hint } = this.location;
    const where = [
      file && `file: ${file}`,
      row !== undefined && `row: ${row}`,
      column && `column: ${column}`,
      key && `key: ${key}`,
    ].filter(Boolean);
    return [
      this.message,
      ...(where.length ? [`  (${where.join(', ')})`] : []),
      ...(hint ? [`  → ${hint}`] : []),
    ].join('\n');
  }
}
