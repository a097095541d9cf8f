const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Short random id. Uses getRandomValues, which (unlike randomUUID) works on plain-http pages too. */
export function newId(length = 12): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  for (const byte of bytes) id += alphabet[byte % alphabet.length];
  return id;
}
