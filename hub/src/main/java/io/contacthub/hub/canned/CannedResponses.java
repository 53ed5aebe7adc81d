package io.contacthub.hub.canned;

import io.contacthub.hub.model.HubException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The team's canned responses from {@code config/canned-responses.yaml}: a list {@code responses}
 * of {@code shortcut}, {@code title} and {@code text}. Read on a worker at every request, so an
 * edit to the file applies without a restart; a missing file means none. A file that does not
 * validate is answered 503 naming the problem, never half used.
 */
public final class CannedResponses {

  public static final String DEFAULT_FILE = "config/canned-responses.yaml";
  private static final Pattern SHORTCUT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
  private static final int MAX_RESPONSES = 500;
  private static final int MAX_TEXT = 10_000;

  private final Vertx vertx;
  private final Path file;

  public CannedResponses(Vertx vertx, Path file) {
    this.vertx = vertx;
    this.file = file;
  }

  /** From the {@code ui} section: {@code cannedResponsesFile}. */
  public static CannedResponses from(Vertx vertx, JsonObject ui) {
    return new CannedResponses(vertx, Path.of(ui.getString("cannedResponsesFile", DEFAULT_FILE)));
  }

  /** {@code {"items": [{"shortcut", "title", "text"}]}}, in the file's order. */
  public Future<JsonObject> list() {
    return vertx.executeBlocking(this::read, false);
  }

  private JsonObject read() {
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new JsonObject().put("items", new JsonArray());
    } catch (IOException e) {
      throw invalid("cannot read " + file.getFileName() + ": " + e.getMessage());
    }
    return new JsonObject().put("items", parse(yaml));
  }

  static JsonArray parse(String yaml) {
    Object tree;
    try {
      tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (YAMLException e) {
      throw invalid("not valid YAML");
    }
    if (!(tree instanceof Map<?, ?> root) || !(root.get("responses") instanceof List<?> list)) {
      throw invalid("the file must be a map with a list 'responses'");
    }
    if (list.size() > MAX_RESPONSES) {
      throw invalid("more than " + MAX_RESPONSES + " responses");
    }
    JsonArray items = new JsonArray();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> entry)
          || !(entry.get("shortcut") instanceof String shortcut)
          || !(entry.get("text") instanceof String text)) {
        throw invalid("response " + (i + 1) + ": needs a shortcut and a text");
      }
      if (!SHORTCUT.matcher(shortcut).matches()) {
        throw invalid(
            "response " + (i + 1) + ": shortcut must be lower-case letters, digits, - or _");
      }
      if (!seen.add(shortcut)) {
        throw invalid("response " + (i + 1) + ": shortcut " + shortcut + " is used twice");
      }
      if (text.isBlank() || text.length() > MAX_TEXT) {
        throw invalid("response " + (i + 1) + ": text must have 1 to " + MAX_TEXT + " characters");
      }
      Object title = entry.get("title");
      items.add(
          new JsonObject()
              .put("shortcut", shortcut)
              .put("title", title instanceof String t && !t.isBlank() ? t : shortcut)
              .put("text", text));
    }
    return items;
  }

  private static HubException invalid(String problem) {
    return new HubException(
        503, "Canned responses unavailable", "canned-responses.yaml: " + problem);
  }
}
