package dev.runsapi.mock.data;

import dev.runsapi.mock.config.ConfigException;
import dev.runsapi.mock.config.Tenants;
import dev.runsapi.mock.store.StoredRun;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads runs from data files ({@code --data}): a JSON array of runs, or NDJSON (one run per line).
 * Every run is checked; the first bad one stops the load with a message naming its file and line,
 * so that nothing is half-loaded.
 *
 * <p>Files are streamed, one run at a time, so that a file's size does not add to the heap: only
 * the runs themselves stay (1,000,000 runs load within 1 GiB; see docs/benchmarks.md).
 */
public final class RunFiles {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final int PEEK_CHARS = 1 << 16;

  private RunFiles() {}

  public static List<StoredRun> load(List<Path> files, Tenants tenants) {
    List<StoredRun> runs = new ArrayList<>();
    int[][] lines = {new int[1024]}; // by sequence: the line a run starts on
    List<Long> fileStarts = new ArrayList<>(); // by file: the sequence of its first run
    Map<String, Map<String, StoredRun>> byAppAndId = new HashMap<>();
    RunRecordReader reader = new RunRecordReader(tenants.firstApp());
    for (int f = 0; f < files.size(); f++) {
      Path file = files.get(f);
      fileStarts.add((long) runs.size());
      read(file, reader, runs.size(), (run, line) -> {
        String where = file + ":" + line;
        if (tenants.byApp(run.appId()).isEmpty()) {
          throw new ConfigException(where + ": app \"" + run.appId() + "\" belongs to no tenant");
        }
        StoredRun before =
            byAppAndId.computeIfAbsent(run.appId(), k -> new HashMap<>()).putIfAbsent(run.id(), run);
        if (before != null) {
          int firstFile = fileOf(fileStarts, before.sequence());
          throw new ConfigException(where + ": duplicate run id \"" + run.id() + "\" in app \""
              + run.appId() + "\" (first at " + files.get(firstFile) + ":"
              + lines[0][(int) before.sequence()] + ")");
        }
        if (runs.size() == lines[0].length) {
          lines[0] = Arrays.copyOf(lines[0], lines[0].length * 2);
        }
        lines[0][runs.size()] = line;
        runs.add(run);
      });
    }
    return runs;
  }

  private static int fileOf(List<Long> fileStarts, long sequence) {
    int file = 0;
    while (file + 1 < fileStarts.size() && fileStarts.get(file + 1) <= sequence) {
      file++;
    }
    return file;
  }

  /** Receives each run read, with the line it starts on. */
  private interface Sink {
    void accept(StoredRun run, int line);
  }

  private static void read(Path file, RunRecordReader records, long firstSequence, Sink sink) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new ConfigException("cannot read data file " + file);
    }
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (InputStream in = Files.newInputStream(file);
        BufferedReader text = new BufferedReader(new InputStreamReader(in, utf8), 1 << 16)) {
      text.mark(PEEK_CHARS);
      int first = text.read();
      if (first != '\uFEFF') { // a byte order mark is no content
        text.reset();
      }
      if (startsWithArray(text)) {
        readArray(file, text, records, firstSequence, sink);
      } else {
        readLines(file, text, records, firstSequence, sink);
      }
    } catch (CharacterCodingException e) {
      throw notUtf8(file);
    } catch (IOException e) {
      throw new ConfigException("cannot read data file " + file + ": " + e.getMessage());
    } catch (UncheckedIOException e) {
      throw e.getCause() instanceof CharacterCodingException ? notUtf8(file)
          : new ConfigException("cannot read data file " + file + ": " + e.getCause().getMessage());
    }
  }

  private static ConfigException notUtf8(Path file) {
    return new ConfigException("data file " + file + " is not UTF-8");
  }

  /** Whether the first non-blank character (within the first 64 Ki) opens a JSON array. */
  private static boolean startsWithArray(BufferedReader text) throws IOException {
    text.mark(PEEK_CHARS);
    try {
      for (int i = 0; i < PEEK_CHARS; i++) {
        int c = text.read();
        if (c < 0 || !Character.isWhitespace(c)) {
          return c == '[';
        }
      }
      return false;
    } finally {
      text.reset();
    }
  }

  private static void readArray(Path file, BufferedReader text, RunRecordReader records,
      long sequence, Sink sink) {
    try (JsonParser parser = MAPPER.createParser(text)) {
      parser.nextToken(); // START_ARRAY
      JsonToken token;
      long next = sequence;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (token == null) {
          throw new ConfigException(file + ": the JSON array is not closed");
        }
        int line = parser.currentTokenLocation().getLineNr();
        JsonNode node = parser.readValueAsTree();
        sink.accept(record(file, line, node, records, next++), line);
      }
      if (parser.nextToken() != null) {
        throw new ConfigException(file + ":" + parser.currentTokenLocation().getLineNr()
            + ": unexpected content after the JSON array");
      }
    } catch (JacksonException e) {
      if (e.getCause() instanceof CharacterCodingException) {
        throw notUtf8(file);
      }
      throw new ConfigException(file + ":" + e.getLocation().getLineNr() + ": not valid JSON: "
          + e.getOriginalMessage());
    }
  }

  private static void readLines(Path file, BufferedReader text, RunRecordReader records,
      long sequence, Sink sink) throws IOException {
    String line;
    int number = 0;
    long next = sequence;
    while ((line = text.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = MAPPER.readTree(line);
      } catch (JacksonException e) {
        throw new ConfigException(file + ":" + number + ": not valid JSON: " + e.getOriginalMessage());
      }
      sink.accept(record(file, number, node, records, next++), number);
    }
  }

  private static StoredRun record(Path file, int line, JsonNode node, RunRecordReader records,
      long sequence) {
    try {
      return records.read(node, sequence);
    } catch (RunRecordReader.BadRecord e) {
      String id = node.isObject() && node.path("id").isString()
          ? " (run \"" + node.path("id").asString() + "\")" : "";
      throw new ConfigException(file + ":" + line + id + ": " + e.getMessage());
    }
  }
}
