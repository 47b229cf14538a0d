package dev.presence.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * What one call did, in the file's vocabulary: its status name ({@code OK}, {@code NOT_FOUND},
 * ...), the library's message, and its results.
 */
record Outcome(String status, String message, JsonNode actual) {
  static Outcome ok(JsonNode actual) {
    return new Outcome("OK", "", actual == null ? NullNode.getInstance() : actual);
  }

  static Outcome failed(String status, String message) {
    return new Outcome(status, message, NullNode.getInstance());
  }
}
