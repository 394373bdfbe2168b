/**
 * Person-id shapes: CPR (ddmmyy-xxxx, eCPR letters), personnummer and samordningsnummer (10 or 12 digits),
 * and 9 digits: an id whose leading zero a number column dropped (src/ids reads it back as an id).
 */
export const ID_SHAPE = /^(?:(?:\d{6}|\d{8})[-+ ]?(?:\d{4}|\d[A-Za-z]{2}\d)|\d{9})$/;

/** A value that could be a person id: one of the id shapes, or any run of 6+ digits (separators ignored). */
export function mayBeId(value: string): boolean {
  const v = value.trim();
  return ID_SHAPE.test(v) || /\d{6,}/.test(v.replace(/(\d)[-+ ./](?=\d)/g, '$1'));
}

/** Text fit for a message: every run of 6+ digits (with separators) is replaced, so no id can be shown. */
export function redactIds(text: string): string {
  return text.replace(/\d(?:[-+ ./]?\d){5,}(?:[-+ ]?[A-Za-z]{2}\d)?/g, '(…)');
}
