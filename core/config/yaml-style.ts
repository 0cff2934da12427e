/**
 * YAML text in go-yaml's style: 2-space indent with indented sequences, no line folding,
 * literal blocks for multi-line strings, strings that would read back as another type
 * double-quoted ("8080", "yes", "0440"), other strings needing quotes single-quoted.
 *
 * `toGoYaml` writes plain data itself (./yaml-emit.ts); `toGoYamlWithYamlLibrary` is the
 * reference it matches byte for byte: the yaml library's Document and stringifier, also used
 * for what the direct writer leaves to it (Map, Date, class instances, shared references).
 */
import { Document, isCollection, isPair, isScalar, Scalar } from 'yaml'
import { emitGoYaml, PLAIN_STRING_START, parsesAsNonString } from './yaml-emit.ts'

function readsAsNonString(text: string): boolean {
  if (text === '') return true
  if (PLAIN_STRING_START.test(text)) return false
  return parsesAsNonString(text)
}

/** The document through the yaml library: a node per value, then its stringifier. */
export function toGoYamlWithYamlLibrary(document: unknown): string {
  const doc = new Document(document, { version: '1.1' })
  const seen = new Map<string, boolean>()
  const needsQuotes = (text: string): boolean => {
    let quote = seen.get(text)
    if (quote === undefined) seen.set(text, (quote = readsAsNonString(text)))
    return quote
  }
  // a direct walk: yaml's `visit` keeps a frozen path per node, a tenth of a 200-service render
  const walk = (node: unknown): void => {
    if (isPair(node)) {
      walk(node.key)
      walk(node.value)
    } else if (isCollection(node)) {
      for (const item of node.items) walk(item)
    } else if (isScalar(node) && typeof node.value === 'string' && !node.value.includes('\n') && needsQuotes(node.value)) {
      node.type = Scalar.QUOTE_DOUBLE
    }
  }
  walk(doc.contents)
  return doc.toString({ indent: 2, indentSeq: true, lineWidth: 0, minContentWidth: 0, singleQuote: true, nullStr: 'null' })
}

export function toGoYaml(document: unknown): string {
  return emitGoYaml(document) ?? toGoYamlWithYamlLibrary(document)
}
