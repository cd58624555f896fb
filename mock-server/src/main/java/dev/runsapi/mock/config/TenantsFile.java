package dev.runsapi.mock.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads tenants from a JSON file ({@code --apps}):
 *
 * <pre>
 * [ {"tenant": "acme", "apps": ["app-acme"], "keys": ["key-acme-0001"]}, ... ]
 * </pre>
 */
public final class TenantsFile {
  private TenantsFile() {}

  public static Tenants read(Path file) {
    if (!Files.isReadable(file) || Files.isDirectory(file)) {
      throw new ConfigException("cannot read apps file " + file);
    }
    ObjectMapper mapper = JsonMapper.builder().build();
    JsonNode root;
    try {
      root = mapper.readTree(file.toFile());
    } catch (JacksonException e) {
      throw new ConfigException("apps file " + file + " is not valid JSON (line "
          + e.getLocation().getLineNr() + "): " + e.getOriginalMessage());
    }
    if (root == null || !root.isArray()) {
      throw new ConfigException("apps file " + file
          + " must hold a JSON array of {\"tenant\", \"apps\", \"keys\"} objects");
    }
    List<Tenant> tenants = new ArrayList<>();
    int index = 0;
    for (JsonNode node : root) {
      String where = "apps file " + file + ", tenant #" + (index++ + 1);
      if (!node.isObject() || !node.path("tenant").isString()) {
        throw new ConfigException(where + ": needs a \"tenant\" name");
      }
      tenants.add(new Tenant(node.get("tenant").asString(), strings(node, "apps", where),
          strings(node, "keys", where)));
    }
    try {
      return new Tenants(tenants);
    } catch (ConfigException e) {
      throw new ConfigException("apps file " + file + ": " + e.getMessage());
    }
  }

  private static List<String> strings(JsonNode tenant, String field, String where) {
    JsonNode array = tenant.path(field);
    if (!array.isArray() || array.isEmpty()) {
      throw new ConfigException(where + ": \"" + field + "\" must be a non-empty array of strings");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode value : array) {
      if (!value.isString()) {
        throw new ConfigException(where + ": \"" + field + "\" must hold strings only");
      }
      values.add(value.asString());
    }
    return values;
  }
}
