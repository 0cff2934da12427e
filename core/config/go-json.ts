/** JSON as Go's `encoding/json` writes it: `<`, `>`, `&`, U+2028 and U+2029 escaped. */
export function goJson(value: unknown, indent?: string): string {
  const text = indent === undefined ? JSON.stringify(value) : JSON.stringify(value, null, indent)
  return text
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}
