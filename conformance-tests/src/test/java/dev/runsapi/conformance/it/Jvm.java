package dev.runsapi.conformance.it;

import java.nio.file.Path;

/** The java of the test JVM, so that the processes run on the same runtime. */
final class Jvm {
    private Jvm() {
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
