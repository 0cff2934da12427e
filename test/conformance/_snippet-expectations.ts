/** Attribute-snippet cases we do not pass, each with the reason. */
export const EXPECTED_FAILURES: Record<string, string> = {
  TestProfiles:
    'profiles are applied by the raw pipeline (loadProject / profiles stage), not by normalizeModel; this suite calls normalizeModel directly',
  TestEnvironmentInvalidObject:
    'wording: we say "must be a list or mapping" (both forms are valid), compose-go says "must be a mapping"',
}

/**
 * Cases whose expectations only hold with normalization on, although the data says the
 * originals skipped it: compose-go does this in `loader/normalize.go` (Normalize), so the
 * original test must have loaded with default options.
 */
export const NORMALIZED_CASES: Record<string, string> = {
  TestPreStartInheritsServiceImage: 'pre_start hooks inherit the service image in compose-go Normalize (inheritPreStartImage)',
}
