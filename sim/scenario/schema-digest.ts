/**
 * A fingerprint of a schema (cyrb53 over its JSON), written into the validator compiled ahead of
 * time and compared with the schema in the sources before first use, so a validator left behind
 * by a schema change is refused loudly instead of judging scenarios by the old rules. Catching
 * accidents only: not a cryptographic hash (and so the same in the browser and Node, synchronously).
 */
export function schemaDigest(schema: unknown): string {
  const text = JSON.stringify(schema);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}
