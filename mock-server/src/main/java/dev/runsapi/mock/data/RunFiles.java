package dev.runsapi.mock.data;

import dev.runsapi.mock.config.ConfigException;
import dev.runsapi.mock.config.Tenants;
import dev.runsapi.mock.store.StoredRun;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 */
public final class RunFiles {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private RunFiles() {}

  public static List<StoredRun> load(List<Path> files, Tenants tenants) {
    List<StoredRun> runs = new ArrayList<>();
    Map<String, String> firstSeen = new HashMap<>(); // app + id -> where
    for (Path file : files) {
      for (Located located : read(file, tenants.firstApp(), runs.size())) {
        StoredRun run = located.run;
        if (tenants.byApp(run.appId()).isEmpty()) {
          throw new ConfigException(located.where + ": app \"" + run.appId()
              + "\" belongs to no tenant");
        }
        String before = firstSeen.putIfAbsent(run.appId() + "\u0000" + run.id(), located.where);
        if (before != null) {
          throw new ConfigException(located.where + ": duplicate run id \"" + run.id()
              + "\" in app \"" + run.appId() + "\" (first at " + before + ")");
        }
        runs.add(run);
      }
    }
    return runs;
  }

  private record Located(StoredRun run, String where) {}

  private static List<Located> read(Path file, String defaultApp, long firstSequence) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new ConfigException("cannot read data file " + file);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ConfigException("data file " + file + " is not UTF-8");
    } catch (IOException e) {
      throw new ConfigException("cannot read data file " + file + ": " + e.getMessage());
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // a byte order mark is no content
    }
    return text.stripLeading().startsWith("[")
        ? readArray(file, text, defaultApp, firstSequence)
        : readLines(file, text, defaultApp, firstSequence);
  }

  private static List<Located> readArray(Path file, String text, String app, long sequence) {
    List<Located> runs = new ArrayList<>();
    try (JsonParser parser = MAPPER.createParser(text)) {
      parser.nextToken(); // START_ARRAY
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (token == null) {
          throw new ConfigException(file + ": the JSON array is not closed");
        }
        int line = parser.currentTokenLocation().getLineNr();
        JsonNode node = parser.readValueAsTree();
        runs.add(located(file, line, node, app, sequence + runs.size()));
      }
      if (parser.nextToken() != null) {
        throw new ConfigException(file + ":" + parser.currentTokenLocation().getLineNr()
            + ": unexpected content after the JSON array");
      }
    } catch (JacksonException e) {
      throw new ConfigException(file + ":" + e.getLocation().getLineNr() + ": not valid JSON: "
          + e.getOriginalMessage());
    }
    return runs;
  }

  private static List<Located> readLines(Path file, String text, String app, long sequence) {
    List<Located> runs = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
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
        runs.add(located(file, number, node, app, sequence + runs.size()));
      }
    } catch (IOException e) {
      throw new ConfigException("cannot read data file " + file + ": " + e.getMessage());
    }
    return runs;
  }

  private static Located located(Path file, int line, JsonNode node, String app, long sequence) {
    String where = file + ":" + line;
    try {
      return new Located(RunRecordReader.read(node, app, sequence), where);
    } catch (RunRecordReader.BadRecord e) {
      String id = node.isObject() && node.path("id").isString()
          ? " (run \"" + node.path("id").asString() + "\")" : "";
      throw new ConfigException(where + id + ": " + e.getMessage());
    }
  }
}
