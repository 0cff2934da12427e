import { describe, expect, it } from 'vitest'
import { displayablePorts, ellipsis, goQuote, humanDuration, humanSize, truncateId } from './units.ts'

describe('docker formatting helpers', () => {
  it('humanDuration as go-units', () => {
    expect(humanDuration(500)).toBe('Less than a second')
    expect(humanDuration(1000)).toBe('1 second')
    expect(humanDuration(59_000)).toBe('59 seconds')
    expect(humanDuration(60_000)).toBe('About a minute')
    expect(humanDuration(5 * 60_000)).toBe('5 minutes')
    expect(humanDuration(60 * 60_000)).toBe('About an hour')
    expect(humanDuration(47 * 3_600_000)).toBe('47 hours')
    expect(humanDuration(3 * 86_400_000)).toBe('3 days')
    expect(humanDuration(21 * 86_400_000)).toBe('3 weeks')
    expect(humanDuration(90 * 86_400_000)).toBe('3 months')
    expect(humanDuration(800 * 86_400_000)).toBe('2 years')
  })

  it('humanSize with 3 significant digits and decimal units', () => {
    expect(humanSize(0)).toBe('0B')
    expect(humanSize(999)).toBe('999B')
    expect(humanSize(1985574)).toBe('1.99MB')
    expect(humanSize(4_100)).toBe('4.1kB')
    expect(humanSize(2_000_000)).toBe('2MB')
    expect(humanSize(123_456_789_012)).toBe('123GB')
  })

  it('ellipsis, truncateId and strconv.Quote', () => {
    expect(ellipsis('sh -c while true; do echo hi; done', 20)).toBe('sh -c while true; d…')
    expect(ellipsis('short', 20)).toBe('short')
    expect(truncateId('sha256:4f7868b1cfb61f23d8d0d91f89a2b5ab')).toBe('4f7868b1cfb6')
    expect(goQuote('sleep "1"\n\\')).toBe('"sleep \\"1\\"\\n\\\\"')
    expect(goQuote('a\u0001é')).toBe('"a\\x01é"')
  })

  it('DisplayablePorts: ranges, host mappings, IPv6 in brackets', () => {
    expect(displayablePorts([])).toBe('')
    expect(
      displayablePorts([
        { IP: '0.0.0.0', PrivatePort: 8080, PublicPort: 32768, Type: 'tcp' },
        { IP: '::', PrivatePort: 8080, PublicPort: 32768, Type: 'tcp' },
        { IP: '127.0.0.1', PrivatePort: 80, PublicPort: 18080, Type: 'tcp' },
      ]),
    ).toBe('127.0.0.1:18080->80/tcp, 0.0.0.0:32768->8080/tcp, [::]:32768->8080/tcp')
    expect(
      displayablePorts([
        { PrivatePort: 81, Type: 'tcp' },
        { PrivatePort: 80, Type: 'tcp' },
        { PrivatePort: 82, Type: 'tcp' },
        { PrivatePort: 53, Type: 'udp' },
        { IP: '0.0.0.0', PrivatePort: 90, PublicPort: 90, Type: 'tcp' },
        { IP: '0.0.0.0', PrivatePort: 91, PublicPort: 91, Type: 'tcp' },
      ]),
    ).toBe('53/udp, 80-82/tcp, 0.0.0.0:90-91->90-91/tcp')
  })
})
