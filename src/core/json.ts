/** JSON that carries bigint money exactly (as strings of minor units would lose the type; use numbers when safe). */
export function toJson(value: unknown, indent = 2): string {
  return JSON.stringify(
    value,
    (_, v: unknown) =>
      typeof v === 'bigint' ? (Number.isSafeInteger(Number(v)) ? Number(v) : v.toString()) : v,
    indent,
  );
}
