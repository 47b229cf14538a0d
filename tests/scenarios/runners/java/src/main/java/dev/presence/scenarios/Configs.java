package dev.presence.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import dev.presence.EngineConfig;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * A file's {@code config} (pe_config fields by their C names) as an {@link EngineConfig}. The
 * record names the same fields in camel case without the unit ({@code idle_after_ms} is {@code
 * idleAfter}), so the table is that rule plus its two exceptions; a field the record lacks is an
 * error, never silently ignored.
 */
final class Configs {
  private static final Map<String, String> EXCEPTIONS =
      Map.of(
          "readiness_room_weight_members", "roomReadinessWeightMembers",
          "readiness_room_weight_density", "roomReadinessWeightDensity",
          "readiness_room_quorum", "roomQuorum");

  private Configs() {}

  /** The defaults with the file's values on top. */
  static EngineConfig of(JsonNode config) {
    RecordComponent[] components = EngineConfig.class.getRecordComponents();
    EngineConfig defaults = EngineConfig.defaults();
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      values[i] = get(components[i], defaults);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = javaName(field.getKey());
      int index = Arrays.stream(components).map(RecordComponent::getName).toList().indexOf(name);
      if (index < 0) {
        throw new IllegalStateException("EngineConfig has no " + name + " for " + field.getKey());
      }
      values[index] = value(components[index].getType(), field.getValue());
    }
    try {
      Constructor<EngineConfig> constructor =
          EngineConfig.class.getDeclaredConstructor(
              Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
      return constructor.newInstance(values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException refused) {
        throw refused; // the record's own check, e.g. a negative count
      }
      throw new IllegalStateException(e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  static String javaName(String cName) {
    String exception = EXCEPTIONS.get(cName);
    if (exception != null) {
      return exception;
    }
    String base = cName.endsWith("_ms") ? cName.substring(0, cName.length() - 3) : cName;
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : base.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  private static Object get(RecordComponent component, EngineConfig config) {
    try {
      return component.getAccessor().invoke(config);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object value(Class<?> type, JsonNode value) {
    if (type == Duration.class) {
      return Duration.ofMillis(value.asLong());
    } else if (type == int.class) {
      return value.asInt();
    } else if (type == long.class) {
      return value.asLong();
    } else if (type == double.class) {
      return value.asDouble();
    } else if (type == boolean.class) {
      return value.asBoolean() || value.asInt() != 0;
    }
    throw new IllegalStateException("no conversion to " + type);
  }
}
