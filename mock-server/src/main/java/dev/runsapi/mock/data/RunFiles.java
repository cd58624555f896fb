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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

  /**
   * NDJSON, parsed on every core: the lines are cut into batches that workers turn into runs, and
   * the batches are handed on in file order, so that the first bad line of the file is the one
   * reported. At most a few batches are in flight, so the file's size does not add to the heap.
   */
  private static void readLines(Path file, BufferedReader text, RunRecordReader first,
      long sequence, Sink sink) throws IOException {
    int workers = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    ThreadLocal<RunRecordReader> records = ThreadLocal.withInitial(first::sibling);
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "data-file-reader");
      t.setDaemon(true);
      return t;
    });
    Deque<Future<Parsed>> inFlight = new ArrayDeque<>();
    try {
      String line;
      int number = 0;
      long next = sequence;
      List<String> lines = new ArrayList<>(BATCH);
      int[] numbers = new int[BATCH];
      while (true) {
        line = text.readLine();
        if (line != null) {
          number++;
          if (line.isBlank()) {
            continue;
          }
          numbers[lines.size()] = number;
          lines.add(line);
        }
        if (lines.size() == BATCH || (line == null && !lines.isEmpty())) {
          List<String> batch = lines;
          int[] batchNumbers = numbers;
          long batchSequence = next;
          next += batch.size();
          inFlight.add(pool.submit(() -> parse(file, batch, batchNumbers, batchSequence, records.get())));
          lines = new ArrayList<>(BATCH);
          numbers = new int[BATCH];
          while (inFlight.size() > 2 * workers) {
            hand(inFlight.poll(), sink);
          }
        }
        if (line == null) {
          break;
        }
      }
      while (!inFlight.isEmpty()) {
        hand(inFlight.poll(), sink);
      }
    } finally {
      inFlight.forEach(f -> f.cancel(true));
      pool.shutdownNow();
    }
  }

  private static final int BATCH = 2048;

  /** A batch of runs and the lines they were on. */
  private record Parsed(StoredRun[] runs, int[] lines) {}

  private static Parsed parse(Path file, List<String> lines, int[] numbers, long sequence,
      RunRecordReader records) {
    StoredRun[] runs = new StoredRun[lines.size()];
    for (int i = 0; i < runs.length; i++) {
      JsonNode node;
      try {
        node = MAPPER.readTree(lines.get(i));
      } catch (JacksonException e) {
        throw new ConfigException(file + ":" + numbers[i] + ": not valid JSON: " + e.getOriginalMessage());
      }
      runs[i] = record(file, numbers[i], node, records, sequence + i);
    }
    return new Parsed(runs, numbers);
  }

  /** Hands a parsed batch to the sink, in order; a batch's failure is the load's failure. */
  private static void hand(Future<Parsed> batch, Sink sink) throws IOException {
    Parsed parsed;
    try {
      parsed = batch.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    }
    for (int i = 0; i < parsed.runs.length; i++) {
      sink.accept(parsed.runs[i], parsed.lines[i]);
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
