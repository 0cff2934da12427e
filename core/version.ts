/** compose's own version. A test keeps it equal to package.json's and deno.json's. */
export const COMPOSE_VERSION = '0.1.0'
