/**
 * A realistic compose file with `count` services for the loader benchmarks: images and builds,
 * short and long ports, named and bind volumes, environment as map and list with `${VAR}`,
 * depends_on with conditions, healthchecks, networks, labels, deploy resources, an `x-` anchor
 * merged with `<<`. Deterministic: the same text for the same count. Kept within what
 * docker-compose v1.29.2 accepts (no top-level `name:`, no `depends_on.restart`) so that the
 * whole-process benchmark can run both tools on it; the build contexts must exist for v1.
 */
export function composeFixture(count = 200): string {
  const out: string[] = [
    'x-common: &common',
    '  restart: unless-stopped',
    '  logging:',
    '    driver: json-file',
    '    options: {max-size: 10m, max-file: "3"}',
    'services:',
  ]
  for (let i = 0; i < count; i++) {
    const name = `svc-${String(i).padStart(3, '0')}`
    out.push(`  ${name}:`, '    <<: *common')
    if (i % 3 === 0) {
      out.push('    build:', `      context: ./apps/${name}`, '      dockerfile: Dockerfile', '      args:', `        VERSION: "1.${i}"`, '      target: runtime')
      out.push(`    image: registry.example.com/bench/${name}:\${TAG:-latest}`)
    } else {
      out.push(`    image: ${i % 2 === 0 ? 'nginx:1.27-alpine' : 'redis:7'}`)
    }
    out.push('    ports:')
    if (i % 2 === 0) out.push(`      - "${10000 + i}:80"`, `      - "127.0.0.1:${20000 + i}:443/tcp"`)
    else out.push('      - target: 6379', `        published: "${30000 + i}"`, '        protocol: tcp', '        mode: host')
    out.push('    volumes:', `      - ${name}-data:/var/lib/data`, `      - ./config/${name}:/etc/app:ro`)
    if (i % 4 === 0) out.push('      - type: tmpfs', '        target: /tmp', '        tmpfs: {size: 64m}')
    if (i % 2 === 0) {
      out.push('    environment:', `      APP_NAME: ${name}`, '      LOG_LEVEL: ${LOG_LEVEL:-info}', `      PORT: "${8000 + i}"`, '      FEATURE_X: "true"')
    } else {
      out.push('    environment:', `      - APP_NAME=${name}`, '      - LOG_LEVEL=${LOG_LEVEL:-info}', '      - EMPTY=')
    }
    if (i > 0) {
      const dep = `svc-${String(i - 1).padStart(3, '0')}`
      if (i % 2 === 0) out.push('    depends_on:', `      ${dep}:`, '        condition: service_healthy')
      else out.push('    depends_on:', `      - ${dep}`)
    }
    out.push(
      '    healthcheck:',
      `      test: ["CMD-SHELL", "wget -qO- http://localhost:${8000 + i}/health || exit 1"]`,
      '      interval: 10s',
      '      timeout: 3s',
      '      retries: 5',
      '      start_period: 1m30s',
    )
    out.push('    networks:', '      front:', `        aliases: [${name}.front]`, '      back: {}')
    out.push('    labels:', `      com.example.service: ${name}`, `      com.example.tier: "${i % 3}"`)
    if (i % 5 === 0) out.push('    deploy:', '      resources:', '        limits: {cpus: "0.50", memory: 256M}', '        reservations: {memory: 64M}')
    out.push('    command: ["serve", "--port", "80"]')
  }
  out.push('networks:', '  front: {}', '  back:', '    driver: bridge', '    ipam:', '      config:', '        - subnet: 172.28.0.0/16')
  out.push('volumes:')
  for (let i = 0; i < count; i++) out.push(`  svc-${String(i).padStart(3, '0')}-data: {}`)
  return `${out.join('\n')}\n`
}
