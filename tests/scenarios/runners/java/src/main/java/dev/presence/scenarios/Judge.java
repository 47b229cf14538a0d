package dev.presence.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Judges outcomes against a file's promises (README.md, "Outcomes" and "Comparison") and renders
 * the report of the first place that differs.
 */
final class Judge {
  private static final double TOLERANCE = 1e-9;

  /** A place where the engine's answer differs from the file's. */
  record Mismatch(String path, JsonNode expected, JsonNode actual, String note) {}

  private Judge() {}

  /**
   * What a step (or, with {@code failsField} "create_fails", the creation) promised, against what
   * happened; empty if it holds.
   */
  static List<Mismatch> judge(JsonNode promise, String failsField, Outcome outcome, String path) {
    List<Mismatch> out = new ArrayList<>();
    String failsPath = path + "." + failsField;
    TextNode status = new TextNode(outcome.status());
    if (promise.has(failsField)) {
      JsonNode fails = promise.get(failsField);
      JsonNode wanted = fails.isTextual() ? fails : fails.get("status");
      if (!wanted.equals(status)) {
        out.add(new Mismatch(failsPath, wanted, status, outcome.message()));
      } else if (fails.has("message_contains")
          && !outcome.message().contains(fails.get("message_contains").asText())) {
        out.add(
            new Mismatch(
                failsPath + ".message_contains",
                fails.get("message_contains"),
                new TextNode(outcome.message()),
                "the message does not contain the text"));
      }
    } else if (!outcome.status().equals("OK")) {
      out.add(new Mismatch(path, new TextNode("OK"), status, outcome.message()));
    } else if (promise.has("expect") && promise.path("do").asText().equals("prometheus")) {
      compareLines(promise.get("expect"), outcome.actual().get("lines"), path + ".expect", out);
    } else if (promise.has("expect")) {
      compare(expected(promise, outcome.actual()), outcome.actual(), path + ".expect", out);
    }
    return out;
  }

  /** A step's expectation; {@code counts} is strict: a count the file leaves out must be 0. */
  private static JsonNode expected(JsonNode step, JsonNode actual) {
    JsonNode expected = step.get("expect");
    if (!step.get("do").asText().equals("counts")) {
      return expected;
    }
    ObjectNode strict = Vocabulary.object();
    actual.fieldNames().forEachRemaining(name -> strict.put(name, 0));
    strict.setAll((ObjectNode) expected);
    return strict;
  }

  private static boolean isRange(JsonNode expected) {
    return expected.isObject()
        && expected.size() == 2
        && expected.has("min")
        && expected.has("max");
  }

  /** Partial objects, exact lists, exact integers, other numbers within 1e-9, ranges. */
  static void compare(JsonNode expected, JsonNode actual, String path, List<Mismatch> out) {
    if (isRange(expected) && actual.isNumber()) {
      double value = actual.asDouble();
      if (value < expected.get("min").asDouble() || value > expected.get("max").asDouble()) {
        out.add(new Mismatch(path, expected, actual, "outside the range"));
      }
    } else if (expected.isObject() && actual.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String place = path + "." + field.getKey();
        if (!actual.has(field.getKey())) {
          out.add(
              new Mismatch(
                  place,
                  field.getValue(),
                  NullNode.getInstance(),
                  "the runner reports no such field"));
        } else {
          compare(field.getValue(), actual.get(field.getKey()), place, out);
        }
      }
    } else if (expected.isArray() && actual.isArray()) {
      if (expected.size() != actual.size()) {
        out.add(
            new Mismatch(
                path,
                expected,
                actual,
                "expected " + expected.size() + " items, got " + actual.size()));
        return;
      }
      for (int i = 0; i < expected.size(); i++) {
        compare(expected.get(i), actual.get(i), path + "[" + i + "]", out);
      }
    } else if (expected.isNumber() && actual.isNumber()) {
      boolean agree =
          expected.isIntegralNumber() && actual.isIntegralNumber()
              ? expected.bigIntegerValue().equals(actual.bigIntegerValue())
              : Math.abs(expected.asDouble() - actual.asDouble()) <= TOLERANCE;
      if (!agree) {
        out.add(new Mismatch(path, expected, actual, ""));
      }
    } else if (!expected.equals(actual)) {
      out.add(new Mismatch(path, expected, actual, ""));
    }
  }

  /** {@code lines}: each a whole line of the text; {@code no_line_starts_with}: none starts so. */
  private static void compareLines(
      JsonNode expected, JsonNode lines, String path, List<Mismatch> out) {
    List<String> text = new ArrayList<>();
    lines.forEach(line -> text.add(line.asText()));
    JsonNode wanted = expected.path("lines");
    for (int i = 0; i < wanted.size(); i++) {
      if (!text.contains(wanted.get(i).asText())) {
        out.add(
            new Mismatch(
                path + ".lines[" + i + "]",
                wanted.get(i),
                lines,
                "no line of the text is this one"));
      }
    }
    JsonNode prefixes = expected.path("no_line_starts_with");
    for (int i = 0; i < prefixes.size(); i++) {
      String prefix = prefixes.get(i).asText();
      for (String line : text) {
        if (line.startsWith(prefix)) {
          out.add(
              new Mismatch(
                  path + ".no_line_starts_with[" + i + "]",
                  prefixes.get(i),
                  new TextNode(line),
                  "a line starts with this"));
        }
      }
    }
  }

  /** A step as the report names it: the call without its promises, then its note. */
  static String describe(JsonNode step) {
    ObjectNode call = ((ObjectNode) step).deepCopy();
    call.remove(List.of("expect", "fails", "note"));
    String note = step.has("note") ? "  (" + step.get("note").asText() + ")" : "";
    return call + note;
  }

  /** Arrays one item per line, so long event lists stay readable. */
  private static String render(JsonNode value, String indent) {
    if (value == null || value instanceof MissingNode) {
      return "null";
    }
    if (!value.isArray() || value.isEmpty()) {
      return value.toString();
    }
    StringBuilder out = new StringBuilder("[\n");
    for (int i = 0; i < value.size(); i++) {
      out.append(indent).append("  ").append(value.get(i));
      out.append(i + 1 < value.size() ? ",\n" : "\n");
    }
    return out.append(indent).append("]").toString();
  }

  /** The failure report of a file, as the README shows it. */
  static String report(String file, JsonNode doc, String where, List<Mismatch> mismatches) {
    StringBuilder out = new StringBuilder();
    out.append(file).append("\n  ").append(doc.get("title").asText()).append("\n  ");
    out.append(where).append("\n");
    for (Mismatch m : mismatches) {
      out.append("    ").append(m.path());
      out.append(m.note().isEmpty() ? "" : "  -- " + m.note()).append("\n");
      out.append("      expected: ").append(render(m.expected(), "      ")).append("\n");
      out.append("      actual:   ").append(render(m.actual(), "      ")).append("\n");
    }
    return out.toString();
  }
}
