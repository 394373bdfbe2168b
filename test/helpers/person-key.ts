/**
 * A test's person name ('A', 'P07', 't1') as the warehouse's person_key (a BIGINT): its characters in base
 * 256, left-aligned in 7 bytes, so keys sort as the names do and ties broken by person_key fall as by name.
 */
export function personKey(name: string): bigint {
  if (!/^[\x20-\x7e]{1,7}$/.test(name)) throw new Error(`personKey: 1–7 ASCII characters, got '${name}'`);
  let k = 0n;
  for (let i = 0; i < 7; i++) k = k * 256n + BigInt(i < name.length ? name.charCodeAt(i) : 0);
  return k;
}

/** The name `personKey` was given. */
export function personName(key: bigint): string {
  let name = '';
  for (let k = key; k > 0n; k /= 256n) if (k % 256n) name = String.fromCharCode(Number(k % 256n)) + name;
  return name;
}
