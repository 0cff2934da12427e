import { describe, expect, it } from 'vitest'
import { CLIENT_MAX_API_VERSION, compareApiVersions, negotiateApiVersion } from './api-version.ts'

describe('API version negotiation', () => {
  it('uses the server version when it is older than ours', () => {
    expect(negotiateApiVersion('1.41')).toBe('1.41')
  })
  it('caps at our maximum when the server is newer', () => {
    expect(negotiateApiVersion('1.52')).toBe(CLIENT_MAX_API_VERSION)
  })
  it('compares numerically, not as text', () => {
    expect(compareApiVersions('1.9', '1.41')).toBeLessThan(0)
    expect(compareApiVersions('1.41', '1.41')).toBe(0)
  })
})
