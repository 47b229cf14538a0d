package dev.presence;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Valid sample arguments for every parameter type of the public API, for reflective tests. */
final class Samples {
  private Samples() {}

  static Object of(Class<?> type) {
    if (type == String.class) {
      return "sample";
    } else if (type == Instant.class) {
      return TestTimes.t(0);
    } else if (type == Duration.class) {
      return Duration.ofSeconds(1);
    } else if (type == OpenOptions.class) {
      return OpenOptions.guest();
    } else if (type == List.class) {
      return List.of();
    } else if (type == EventListener.class) {
      return (EventListener) event -> {};
    } else if (type == State.class) {
      return State.ACTIVE;
    } else if (type == Activity.class) {
      return Activity.UNKNOWN;
    } else if (type == Visibility.class) {
      return Visibility.VISIBLE;
    } else if (type == Availability.class) {
      return Availability.BUSY;
    } else if (type == Target.class) {
      return Target.user("sample");
    } else if (type == Path.class) {
      return Path.of("target", "no-such-dir", "sample.snap"); // never written: no such directory
    } else if (type == long.class) {
      return 0L;
    } else if (type == int.class) {
      return 1;
    }
    throw new AssertionError("no sample for " + type + ": add one");
  }

  /** The public instance methods of Engine, in a stable order. */
  static List<Method> engineMethods() {
    List<Method> methods = new ArrayList<>();
    for (Method method : Engine.class.getDeclaredMethods()) {
      if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())) {
        methods.add(method);
      }
    }
    methods.sort(Comparator.comparing(Method::toGenericString));
    return methods;
  }

  static Object[] arguments(Method method) {
    Class<?>[] types = method.getParameterTypes();
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      args[i] = of(types[i]);
    }
    return args;
  }

  /** Invokes the method and returns what it threw (or null if it returned). */
  static Throwable thrownBy(Method method, Object target, Object[] args) {
    try {
      method.invoke(target, args);
      return null;
    } catch (InvocationTargetException e) {
      return e.getCause();
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }
}
