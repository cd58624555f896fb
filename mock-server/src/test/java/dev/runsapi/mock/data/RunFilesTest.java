package dev.runsapi.mock.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runsapi.mock.config.ConfigException;
import dev.runsapi.mock.config.Tenants;
import dev.runsapi.mock.store.StoredRun;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs from files: both formats, and a message naming the file and line of the first bad run. */
class RunFilesTest {
  @TempDir Path dir;

  private static final String RUN = """
      {"id":"r1","type":"llm","name":"gpt-4o","createdAt":"2024-05-01T12:00:00Z",
       "endedAt":"2024-05-01T12:00:00.25+00:00","duration":0.250,
       "tokens":{"prompt":3,"completion":4,"total":7},"tags":[],"input":"q","output":null,
       "error":"boom","user":{"id":"u","createdAt":"2024-01-01T00:00:00.000Z",
       "lastSeen":"2024-05-01T00:00:00.000Z","props":{"n":1,"nested":{"a":[true,null]}}},"cost":0.0001}""";

  private String fails(String content) throws IOException {
    Path file = Files.writeString(dir.resolve("runs.json"), content);
    return assertThrows(ConfigException.class, () -> RunFiles.load(List.of(file), Tenants.DEFAULT))
        .getMessage();
  }

  @Test
  void load_prettyPrintedArrayWithByteOrderMark_readsEveryRunIntoTheFirstApp() throws IOException {
    Path file = Files.writeString(dir.resolve("runs.json"), "\uFEFF[\n" + RUN + ",\n"
        + RUN.replace("\"r1\"", "\"r2\"") + "\n]\n");
    List<StoredRun> runs = RunFiles.load(List.of(file), Tenants.DEFAULT);
    assertEquals(2, runs.size());
    StoredRun run = runs.get(0);
    assertEquals("app-acme", run.appId());
    assertEquals(Instant.parse("2024-05-01T12:00:00.250Z"), run.endedAt());
    assertEquals(250L, run.durationMillis());
    assertEquals(new BigDecimal("0.0001"), run.cost());
    assertEquals(2, run.user().props().size());
  }

  @Test
  void load_badRunInAnArray_namesTheLineWhereItStarts() throws IOException {
    String message = fails("[\n" + RUN + ",\n" + RUN.replace("\"r1\"", "\"r2\"").replace("\"total\":7", "\"total\":8") + "\n]");
    assertTrue(message.contains("runs.json:7 (run \"r2\")"), message);
    assertTrue(message.contains("tokens.total"), message);
  }

  @Test
  void load_timestampFinerThanAMillisecond_isRefused() throws IOException {
    String message = fails(RUN.replace("\n", "").replace("2024-05-01T12:00:00Z", "2024-05-01T12:00:00.0001Z"));
    assertTrue(message.contains("finer than a millisecond"), message);
  }

  @Test
  void load_missingProperty_isRefused() throws IOException {
    String message = fails(RUN.replace("\n", "").replace("\"error\":\"boom\",", ""));
    assertTrue(message.contains("\"error\" is missing"), message);
  }

  @Test
  void load_toolRunWithTokens_isRefused() throws IOException {
    String message = fails(RUN.replace("\n", "").replace("\"type\":\"llm\"", "\"type\":\"tool\""));
    assertTrue(message.contains("all zero for a tool run"), message);
  }

  @Test
  void load_outputAndErrorBothOrNeither_isRefused() throws IOException {
    String both = fails(RUN.replace("\n", "").replace("\"output\":null", "\"output\":\"a\""));
    assertTrue(both.contains("exactly one"), both);
    String neither = fails(RUN.replace("\n", "").replace("\"error\":\"boom\"", "\"error\":null"));
    assertTrue(neither.contains("exactly one"), neither);
    String unfinished = fails(RUN.replace("\n", "").replace("\"endedAt\":\"2024-05-01T12:00:00.25+00:00\"",
        "\"endedAt\":null").replace("\"duration\":0.250", "\"duration\":null"));
    assertTrue(unfinished.contains("must be null while"), unfinished);
  }

  @Test
  void load_leapSecondTimestamp_isRefused() throws IOException {
    String message = fails(RUN.replace("\n", "").replace("2024-05-01T12:00:00Z", "2016-12-31T23:59:60Z")
        .replace("2024-05-01T12:00:00.25+00:00", "2017-01-01T00:00:00.25Z").replace("0.250", "1.250"));
    assertTrue(message.contains("leap second"), message);
  }

  @Test
  void load_endBeforeStart_isRefused() throws IOException {
    String message = fails(RUN.replace("\n", "").replace("12:00:00.25+00:00", "11:00:00Z"));
    assertTrue(message.contains("before"), message);
  }

  @Test
  void load_unclosedArray_isRefused() throws IOException {
    String message = fails("[\n" + RUN + ",\n");
    assertTrue(message.startsWith(dir.resolve("runs.json").toString()), message);
  }

  @Test
  void load_invalidUtf8_isRefusedNamingTheFile_inBothFormats() throws IOException {
    byte[] bad = {(byte) 0xC3, (byte) 0x28}; // a lead byte without its continuation
    for (String content : new String[] {"[\n" + RUN + "\n]", RUN.replace("\n", "")}) {
      int at = content.indexOf("\"q\"") + 2; // inside the input string
      byte[] head = content.substring(0, at).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      byte[] tail = content.substring(at).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      byte[] bytes = new byte[head.length + bad.length + tail.length];
      System.arraycopy(head, 0, bytes, 0, head.length);
      System.arraycopy(bad, 0, bytes, head.length, bad.length);
      System.arraycopy(tail, 0, bytes, head.length + bad.length, tail.length);
      Path file = Files.write(dir.resolve("latin.json"), bytes);
      String message = assertThrows(ConfigException.class,
          () -> RunFiles.load(List.of(file), Tenants.DEFAULT)).getMessage();
      assertTrue(message.startsWith("data file " + file + " is not UTF-8"), message);
    }
  }

  @Test
  void load_ndjsonAfterBlankLines_countsLinesFromTheTopOfTheFile() throws IOException {
    String line = RUN.replace("\n", "");
    String message = fails("\n  \n" + line + "\n\n" + line.replace("\"type\":\"llm\"", "\"type\":\"LLM\""));
    assertTrue(message.startsWith(dir.resolve("runs.json") + ":5 (run \"r1\")"), message);
  }

  @Test
  void load_valuesThatRepeat_areHeldOnce() throws IOException {
    String line = RUN.replace("\n", "");
    Path file = Files.writeString(dir.resolve("runs.ndjson"), line.replace("\"tags\":[]",
        "\"tags\":[\"prod\",\"eu\"]") + "\n" + line.replace("\"r1\"", "\"r2\"").replace("\"tags\":[]",
        "\"tags\":[\"prod\",\"eu\"]") + "\n");
    List<StoredRun> runs = RunFiles.load(List.of(file), Tenants.DEFAULT);
    StoredRun a = runs.get(0);
    StoredRun b = runs.get(1);
    assertEquals(List.of("prod", "eu"), b.tags());
    assertSame(a.name(), b.name());
    assertSame(a.tags(), b.tags());
    assertSame(a.input(), b.input());
    assertSame(a.error(), b.error());
    assertSame(a.user(), b.user());
  }

  /** Files larger than the loader's 1 MiB blocks: lines cut across blocks, numbered right. */
  @Test
  void load_ndjsonOfManyBlocks_keepsOrderAndNamesTheRightLine() throws IOException {
    String line = RUN.replace("\n", "").replace("\"input\":\"q\"", "\"input\":\"" + "q".repeat(700) + "\"");
    StringBuilder text = new StringBuilder();
    int runs = 4000;
    for (int i = 0; i < runs; i++) {
      text.append(line.replace("\"r1\"", "\"r" + i + "\"")).append(i % 7 == 0 ? "\n\n" : "\n");
    }
    Path file = Files.writeString(dir.resolve("big.ndjson"), text);
    assertTrue(Files.size(file) > 3 * (1 << 20), "the file should span several blocks");
    List<StoredRun> loaded = RunFiles.load(List.of(file), Tenants.DEFAULT);
    assertEquals(runs, loaded.size());
    for (int i = 0; i < runs; i++) {
      assertEquals("r" + i, loaded.get(i).id());
      assertEquals(i, loaded.get(i).sequence());
    }
    int bad = 3500; // its line: one per run, plus one blank after every seventh run before it
    String broken = text.toString().replace("\"r" + bad + "\",\"type\":\"llm\"", "\"r" + bad + "\",\"type\":\"x\"");
    Files.writeString(file, broken);
    String message = assertThrows(ConfigException.class,
        () -> RunFiles.load(List.of(file), Tenants.DEFAULT)).getMessage();
    int expectedLine = bad + 1 + (bad + 6) / 7;
    assertTrue(message.startsWith(file + ":" + expectedLine + " (run \"r" + bad + "\")"), message);
  }

  @Test
  void load_ndjsonLineThatIsNotOneValue_isRefusedNamingItsLine() throws IOException {
    String line = RUN.replace("\n", "");
    String r2 = line.replace("\"r1\"", "\"r2\"");
    String r3 = line.replace("\"r1\"", "\"r3\"");
    Files.writeString(dir.resolve("runs.json"), "");
    assertTrue(fails(line + "\n" + r2 + " " + r3 + "\n").startsWith(dir.resolve("runs.json") + ":2: "));
    assertTrue(fails(line + "\n\n" + RUN + "\n").startsWith(dir.resolve("runs.json") + ":3: "));
    String broken = fails(line + "\n" + r2 + "\n{\"id\": \n" + r3 + "\n");
    assertTrue(broken.startsWith(dir.resolve("runs.json") + ":3: not valid JSON"), broken);
  }

  /** Each rule of a run, broken alone in a one-line file: the message names what is wrong. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
    "\"tokens\":{\"prompt\":3,\"completion\":4,\"total\":7}|\"tokens\":7|\"tokens\" must be an object",
    "\"prompt\":3|\"prompt\":3.5|\"tokens.prompt\" must be an integer >= 0",
    "\"prompt\":3|\"prompt\":-3|\"tokens.prompt\" must be an integer >= 0",
    ",\"total\":7|,\"extra\":1|\"tokens.total\" must be an integer >= 0",
    "\"props\":{|\"other\":{|property \"user.props\" is missing",
    "\"user\":{\"id\":\"u\"|\"user\":{\"id\":\"\"|user: \"id\" must not be empty",
    "\"lastSeen\":\"2024-05-01T00:00:00.000Z\"|\"lastSeen\":\"soon\"|user: \"lastSeen\" is not an RFC 3339 date-time",
    "\"duration\":0.250|\"duration\":0.25001|\"duration\" is 0.25001 but endedAt - createdAt is 0.250 s",
    "\"duration\":0.250|\"duration\":\"0.250\"|\"duration\" must be a number when \"endedAt\" is set",
    "\"tags\":[]|\"tags\":[\"a\",\"b\",\"a\"]|tag \"a\" is given twice",
    "\"tags\":[]|\"tags\":[\"a\",7]|\"tags\" must hold non-empty strings",
    "\"tags\":[]|\"tags\":{}|\"tags\" must be an array",
    "\"cost\":0.0001|\"cost\":-1|\"cost\" must be a number >= 0",
    "\"id\":\"r1\"|\"id\":\"r1\",\"appId\":\"\"|\"appId\" must not be empty",
    "\"type\":\"llm\"|\"type\":null|\"type\" must be a string",
    "\"output\":null|\"output\":false|\"output\" must be a string",
  })
  void load_eachBrokenRule_isNamed(String from, String to, String expected) throws IOException {
    String line = RUN.replace("\n", "");
    assertTrue(line.contains(from), from);
    String message = fails(line.replace(from, to));
    assertTrue(message.contains(expected), message);
    assertTrue(message.startsWith(dir.resolve("runs.json") + ":1"), message);
  }

  @Test
  void load_lineThatIsNotAnObject_isNamed() throws IOException {
    assertTrue(fails("[1, 2]\n").contains("runs.json:1: a run must be a JSON object"));
    assertTrue(fails("\"run\"\n").contains("runs.json:1: a run must be a JSON object"));
  }
}
