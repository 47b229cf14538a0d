package dev.presence.scenarios;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads and validates scenario files (README.md, "Validation"): JSON syntax, duplicate fields, the
 * schema, then the rules a schema cannot state. Every refusal names its place.
 */
final class ScenarioFile {
  /** Parses strictly: a field given twice is an error, never "the last one wins". */
  static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .build();

  /** The text arguments of a step that may hold raw bytes, and of its batch items. */
  private static final List<String> TEXT_FIELDS =
      List.of(
          "session",
          "user",
          "meta",
          "transport",
          "cursor",
          "room",
          "from",
          "target",
          "kind",
          "intent",
          "caller",
          "subscriber");

  /** The enum arguments that may be raw integers (with raw_enum_values). */
  static final List<String> ENUM_ARGUMENTS =
      List.of("activity", "visibility", "min_state", "availability", "target_kind");

  /** Which steps a name given with {@code as} may come from, per field that refers to one. */
  private static final Map<String, Set<String>> REFERENCES =
      Map.of(
          "after_seq_from", Set.of("snapshot", "poll_events", "fanout"),
          "intent_from", Set.of("open_intent"));

  /** Schema errors that only summarise the errors of their branches. */
  private static final Set<String> SUMMARIES = Set.of("oneOf", "anyOf", "allOf", "if", "then");

  private final JsonSchema schema;

  ScenarioFile(Path scenarios) {
    JsonNode schemaNode = read(scenarios.resolve("schema").resolve("scenario.schema.json"));
    schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode);
  }

  private static JsonNode read(Path path) {
    try {
      return JSON.readTree(path.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses and validates one scenario file. */
  JsonNode load(Path path) throws InvalidScenarioException, IOException {
    JsonNode doc = parse(Files.readString(path));
    List<ValidationMessage> errors =
        schema.validate(doc).stream().sorted(Comparator.comparing(ScenarioFile::rank)).toList();
    if (!errors.isEmpty()) {
      ValidationMessage best = errors.get(0);
      throw new InvalidScenarioException(best.getInstanceLocation().toString(), why(best));
    }
    checkNamesAndCapabilities(doc);
    return doc;
  }

  /** Parses JSON text, naming the line of a syntax error or the path of a duplicate field. */
  static JsonNode parse(String text) throws InvalidScenarioException {
    try {
      return JSON.readTree(text);
    } catch (JsonParseException e) {
      if (e.getMessage().startsWith("Duplicate field")) {
        JsonStreamContext context = e.getProcessor().getParsingContext();
        throw new InvalidScenarioException(jsonPath(context), e.getOriginalMessage());
      }
      JsonLocation at = e.getLocation();
      throw new InvalidScenarioException(
          "line " + at.getLineNr() + ", column " + at.getColumnNr(), e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new InvalidScenarioException(
          "line " + at.getLineNr() + ", column " + at.getColumnNr(), e.getOriginalMessage());
    }
  }

  /** The JSON path of the object or array a parser is in, e.g. {@code $.steps[0]}. */
  private static String jsonPath(JsonStreamContext context) {
    if (context == null || context.inRoot()) {
      return "$";
    }
    String parent = jsonPath(context.getParent());
    JsonStreamContext container = context.getParent();
    if (container.inArray()) {
      return parent + "[" + container.getCurrentIndex() + "]";
    }
    return container.inObject() ? parent + "." + container.getCurrentName() : parent;
  }

  /**
   * Which schema error to report: the variant a step names reports its own errors (if/then), so the
   * deepest place is the most specific; "one of" summaries come last, since their branches say
   * more.
   */
  private static int rank(ValidationMessage error) {
    boolean summary = SUMMARIES.contains(String.valueOf(error.getType()));
    return (summary ? 1000 : 0) - error.getInstanceLocation().getNameCount();
  }

  /** The validator's message without its place, and the offending value when it is a scalar. */
  private static String why(ValidationMessage error) {
    String message = error.getMessage();
    String place = error.getInstanceLocation().toString();
    if (message.startsWith(place + ": ")) {
      message = message.substring(place.length() + 2);
    }
    JsonNode value = error.getInstanceNode();
    return value != null && value.isValueNode() ? message + " (found " + value + ")" : message;
  }

  /** The rules a schema cannot state (README.md, "Validation", 4). */
  private static void checkNamesAndCapabilities(JsonNode doc) throws InvalidScenarioException {
    Map<String, String> named = new HashMap<>();
    Set<String> requires = new java.util.HashSet<>();
    doc.path("requires").forEach(r -> requires.add(r.asText()));
    JsonNode steps = doc.path("steps");
    for (int i = 0; i < steps.size(); i++) {
      JsonNode step = steps.get(i);
      String place = "$.steps[" + i + "]";
      String call = step.get("do").asText();
      checkReference(step, "cursor_from", Set.of(call), named, place);
      for (Map.Entry<String, Set<String>> reference : REFERENCES.entrySet()) {
        checkReference(step, reference.getKey(), reference.getValue(), named, place);
      }
      if (step.has("as")) {
        String name = step.get("as").asText();
        if (named.containsKey(name)) {
          throw new InvalidScenarioException(
              place + ".as", "the name '" + name + "' is given twice");
        }
        named.put(name, call);
      }
      checkCapabilities(step, place, requires);
      JsonNode items = step.path("items");
      for (int j = 0; j < items.size(); j++) {
        checkCapabilities(items.get(j), place + ".items[" + j + "]", requires);
      }
    }
  }

  private static void checkReference(
      JsonNode step, String field, Set<String> allowed, Map<String, String> named, String place)
      throws InvalidScenarioException {
    if (!step.has(field)) {
      return;
    }
    String name = step.get(field).asText();
    String kind = named.get(name);
    if (kind == null || !allowed.contains(kind)) {
      throw new InvalidScenarioException(
          place + "." + field,
          "'"
              + name
              + "' names no earlier "
              + String.join(" or ", allowed.stream().sorted().toList())
              + " step");
    }
  }

  private static void checkCapabilities(JsonNode step, String place, Set<String> requires)
      throws InvalidScenarioException {
    for (String field : TEXT_FIELDS) {
      if (step.path(field).has("hex") && !requires.contains("byte_strings")) {
        throw new InvalidScenarioException(
            place + "." + field, "raw bytes need 'byte_strings' in requires");
      }
    }
    for (String field : ENUM_ARGUMENTS) {
      if (step.path(field).isIntegralNumber() && !requires.contains("raw_enum_values")) {
        throw new InvalidScenarioException(
            place + "." + field, "a raw enum value needs 'raw_enum_values' in requires");
      }
    }
  }
}
