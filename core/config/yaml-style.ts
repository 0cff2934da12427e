/**
 * YAML text in go-yaml's style: 2-space indent with indented sequences, no line folding,
 * literal blocks for multi-line strings, strings that would read back as another type
 * double-quoted ("8080", "yes", "0440"), other strings needing quotes single-quoted.
 */
import { Document, isScalar, parse, Scalar, visit } from 'yaml'

function readsAsNonString(text: string): boolean {
  if (text === '') return true
  try {
    const value: unknown = parse(text, { version: '1.1' })
    return value === null || typeof value === 'number' || typeof value === 'boolean'
  } catch {
    return false
  }
}

export function toGoYaml(document: unknown): string {
  const doc = new Document(document, { version: '1.1' })
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && !node.value.includes('\n') && readsAsNonString(node.value)) {
        node.type = Scalar.QUOTE_DOUBLE
      }
    },
  })
  return doc.toString({ indent: 2, indentSeq: true, lineWidth: 0, minContentWidth: 0, singleQuote: true, nullStr: 'null' })
}
