package dev.runsapi.conformance.suite;

import dev.runsapi.conformance.report.Secrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReportFilesTest {

    @Test
    void redactDirectory_masksWhatTheRunWrote_andLeavesOlderFilesAlone(@TempDir Path dir) throws Exception {
        Secrets secrets = Secrets.of("key-acme-0001", null, List.of(), false);
        Path old = Files.writeString(dir.resolve(".env"), "RUNS_KEY=key-acme-0001\n");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3600)));
        Path xml = Files.createDirectories(dir.resolve("junit-xml")).resolve("TEST.xml");
        Files.writeString(xml, "<property name=\"sun.java.command\" value=\"x --api-key key-acme-0001\"/>");
        ReportFiles.redactDirectory(dir, secrets, Instant.now().minusSeconds(60), new PrintStream(PrintStream.nullOutputStream()));
        assertEquals("<property name=\"sun.java.command\" value=\"x --api-key $RUNS_API_KEY\"/>", Files.readString(xml));
        assertEquals("RUNS_KEY=key-acme-0001\n", Files.readString(old));
    }
}
