package dev.runsapi.mock.data;

import dev.runsapi.mock.config.ConfigException;
import dev.runsapi.mock.config.Tenants;
import dev.runsapi.mock.store.StoredRun;
import java.io.BufferedInputStream;
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

  private RunFiles() {}

  public static List<StoredRun> load(List<Path> files, Tenants tenants) {
    List<StoredRun> runs = new ArrayList<>();
    int[][] lines = {new int[1024]}; // by sequence: the line a run starts on
    List<Long> fileStarts = new ArrayList<>(); // by file: the sequence of its first run
    Map<String, Map<String, StoredRun>> byAppAndId = new HashMap<>();
    int expectedRuns = expectedRuns(files);
    RunRecordReader reader = new RunRecordReader(tenants.firstApp());
    for (int f = 0; f < files.size(); f++) {
      Path file = files.get(f);
      fileStarts.add((long) runs.size());
      read(file, reader, runs.size(), (run, line) -> {
        Map<String, StoredRun> ids = byAppAndId.get(run.appId());
        if (ids == null) {
          if (tenants.byApp(run.appId()).isEmpty()) {
            throw new ConfigException(file + ":" + line + ": app \"" + run.appId()
                + "\" belongs to no tenant");
          }
          ids = new HashMap<>(expectedRuns);
          byAppAndId.put(run.appId(), ids);
        }
        StoredRun before = ids.putIfAbsent(run.id(), run);
        if (before != null) {
          int firstFile = fileOf(fileStarts, before.sequence());
          throw new ConfigException(file + ":" + line + ": duplicate run id \"" + run.id()
              + "\" in app \"" + run.appId() + "\" (first at " + files.get(firstFile) + ":"
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

  /**
   * A guess of the number of runs in the files (a run takes some 500 bytes), to size the map of
   * ids once instead of growing it twenty times; bounded, so a guess never costs much.
   */
  private static int expectedRuns(List<Path> files) {
    long bytes = 0;
    for (Path file : files) {
      try {
        bytes += Files.size(file);
      } catch (IOException e) {
        return 16; // read() names the file that cannot be read
      }
    }
    return (int) Math.min(1 << 22, Math.max(16, bytes / 400 * 4 / 3));
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
    try (InputStream raw = Files.newInputStream(file);
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16)) {
      in.mark(3);
      byte[] bom = in.readNBytes(3);
      if (!(bom.length == 3 && (bom[0] & 0xff) == 0xEF && (bom[1] & 0xff) == 0xBB
          && (bom[2] & 0xff) == 0xBF)) {
        in.reset(); // a byte order mark is no content; anything else is
      }
      if (startsWithArray(in)) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        readArray(file, new BufferedReader(new InputStreamReader(in, utf8), 1 << 16), records,
            firstSequence, sink);
      } else {
        readLines(file, in, records, firstSequence, sink);
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

  /** Whether the first non-blank byte (within the first 64 KiB) opens a JSON array. */
  private static boolean startsWithArray(BufferedInputStream in) throws IOException {
    in.mark(PEEK_BYTES);
    try {
      for (int i = 0; i < PEEK_BYTES; i++) {
        int c = in.read();
        if (c < 0 || !isBlank((byte) c)) {
          return c == '[';
        }
      }
      return false;
    } finally {
      in.reset();
    }
  }

  /** JSON's whitespace, and the other ASCII controls {@link String#isBlank} counts as blank. */
  private static boolean isBlank(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || (b >= 0x0B && b <= 0x0C)
        || (b >= 0x1C && b <= 0x1F);
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
        sink.accept(record(file, line, parser, records, next++), line);
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
   * NDJSON, parsed on every core: this thread cuts the bytes into lines and blocks of lines, and
   * workers turn each block into runs (Jackson reads the UTF-8 bytes itself, checking them); the
   * blocks are handed on in file order, so that the first bad line of the file is the one reported.
   * At most a few blocks are in flight, so the file's size does not add to the heap.
   */
  private static void readLines(Path file, InputStream in, RunRecordReader first, long sequence,
      Sink sink) throws IOException {
    int workers = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    ThreadLocal<RunRecordReader> records = ThreadLocal.withInitial(first::sibling);
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "data-file-reader");
      t.setDaemon(true);
      return t;
    });
    Deque<Future<Parsed>> inFlight = new ArrayDeque<>();
    try {
      byte[] carry = new byte[0]; // the start of a line the last block cut off: carry[from, to)
      int carryFrom = 0;
      int carryTo = 0;
      int lineNumber = 1;
      long next = sequence;
      boolean end = false;
      while (!end) {
        // one array per block, read into once: the block's bytes stay with its runs until parsed
        int carried = carryTo - carryFrom;
        byte[] data = new byte[carried + BLOCK_BYTES];
        System.arraycopy(carry, carryFrom, data, 0, carried);
        int read = in.readNBytes(data, carried, BLOCK_BYTES);
        end = read < BLOCK_BYTES;
        int length = carried + read;
        int cut = end ? length : lastIndexOf(data, length, (byte) '\n') + 1; // 0: no line ends yet
        carry = data;
        carryFrom = cut;
        carryTo = length;
        Block block = Block.cut(data, cut, lineNumber);
        lineNumber += block.newlines;
        if (block.count == 0) {
          continue;
        }
        long blockSequence = next;
        next += block.count;
        inFlight.add(pool.submit(() -> parse(file, block, blockSequence, records.get())));
        while (inFlight.size() > 2 * workers) {
          hand(inFlight.poll(), sink);
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

  private static final int BLOCK_BYTES = 1 << 20;
  private static final int PEEK_BYTES = 1 << 16;

  /** Lines of one block of bytes: the number of each non-blank one. */
  private static final class Block {
    final byte[] data;
    int length;
    int firstLine;
    int[] numbers = new int[256];
    int count;
    int newlines;

    private Block(byte[] data) {
      this.data = data;
    }

    static Block cut(byte[] data, int length, int firstLine) {
      Block block = new Block(data);
      block.length = length;
      block.firstLine = firstLine;
      int start = 0;
      while (start < length) {
        int newline = indexOf(data, (byte) '\n', start, length);
        int end = newline < 0 ? length : newline;
        int first = start;
        while (first < end && isBlank(data[first])) {
          first++;
        }
        if (first < end) {
          block.add(firstLine + block.newlines);
        }
        if (newline < 0) {
          break;
        }
        block.newlines++;
        start = newline + 1;
      }
      return block;
    }

    private void add(int number) {
      if (count == numbers.length) {
        numbers = Arrays.copyOf(numbers, count * 2);
      }
      numbers[count++] = number;
    }
  }

  private static int indexOf(byte[] data, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexOf(byte[] data, int length, byte b) {
    for (int i = length - 1; i >= 0; i--) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static ConfigException notOneLine(Path file, int line) {
    return new ConfigException(file + ":" + line
        + ": not valid JSON: a run must be one JSON value on one line of its own");
  }

  /** A block of runs and the lines they were on. */
  private record Parsed(StoredRun[] runs, int[] lines) {}

  /**
   * One parser reads a whole block (a parser per line cost a quarter of the loading time); each run
   * must start and end on the line the block's cutting found for it.
   */
  private static Parsed parse(Path file, Block block, long sequence, RunRecordReader records) {
    StoredRun[] runs = new StoredRun[block.count];
    int line = block.firstLine;
    try (JsonParser parser = MAPPER.createParser(block.data, 0, block.length)) {
      for (int i = 0; i < runs.length; i++) {
        line = block.numbers[i];
        parser.nextToken();
        int starts = block.firstLine - 1 + parser.currentTokenLocation().getLineNr();
        if (starts != line) {
          throw notOneLine(file, Math.min(starts, line));
        }
        runs[i] = record(file, line, parser, records, sequence + i);
        int ends = block.firstLine - 1 + parser.currentLocation().getLineNr();
        if (ends != line) {
          throw notOneLine(file, line);
        }
      }
      if (parser.nextToken() != null) {
        line = block.firstLine - 1 + parser.currentTokenLocation().getLineNr();
        throw notOneLine(file, line);
      }
    } catch (JacksonException e) {
      String why = e.getOriginalMessage(); // named by the line its run starts on
      if (why != null && why.startsWith("Invalid UTF-8")) {
        throw new ConfigException("data file " + file + " is not UTF-8 (line " + line + ": "
            + why + ")");
      }
      throw new ConfigException(file + ":" + line + ": not valid JSON: " + why);
    }
    return new Parsed(runs, block.numbers);
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

  private static StoredRun record(Path file, int line, JsonParser parser, RunRecordReader records,
      long sequence) {
    try {
      return records.read(parser, sequence);
    } catch (RunRecordReader.BadRecord e) {
      String id = e.runId() == null ? "" : " (run \"" + e.runId() + "\")";
      throw new ConfigException(file + ":" + line + id + ": " + e.getMessage());
    }
  }
}
