/**
 * The test kit for plugin authors (`compose/testing`): load a project with only your plugins, run
 * the real pipeline against an in-memory or the real engine, capture events, and run the shared
 * conformance check. Works the same on Node, Bun and Deno.
 */
export { createPluginTestKit, uniqueName, type PluginTestKit, type PluginTestKitOptions, type YamlSource } from './kit.ts'
export { FakeEngine, type FakeCall, type FakeContainer, type FakeEngineEvent, type FakeEngineOptions } from './fake-engine.ts'
export { checkConformance, conformanceChecks, type ConformanceCheck, type ConformanceOptions, type PluginUnderTest } from './conformance.ts'
export { containerCreateDraft, sampleHookArgs, type SampleArgs, type SampleReports } from './payloads.ts'
