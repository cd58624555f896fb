package dev.runsapi.conformance.suite;

/**
 * The suite under Maven: {@code mvn -pl conformance-tests verify -Dconformance.target=URL ...} runs the
 * very class the CLI launches. Without a target its one test factory is skipped.
 */
class TargetConformanceTest extends ConformanceSuite {
}
