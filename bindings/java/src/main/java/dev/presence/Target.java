package dev.presence;

/**
 * A user or a room, as the subject of readiness ({@link Engine#readiness}), intents ({@link
 * Engine#openIntent}) and subscriptions ({@link Engine#subscribe}).
 *
 * <pre>{@code
 * engine.readiness(Target.user("ann"));
 * engine.openIntent("carl", Target.room("standup"), "call", Duration.ofMinutes(2));
 * }</pre>
 *
 * @param kind whether {@code id} is a user id or a room id
 * @param id the user id or room id; the engine checks it when it is used
 */
public record Target(TargetKind kind, String id) {
  /**
   * Checks the target.
   *
   * @param kind whether {@code id} is a user id or a room id
   * @param id the user id or room id
   * @throws InvalidArgumentException if {@code kind} or {@code id} is null
   */
  public Target {
    Arguments.notNull(kind, "kind");
    Arguments.notNull(id, "id");
  }

  /**
   * The user {@code userId}.
   *
   * @param userId the user id
   * @return the target
   * @throws InvalidArgumentException if {@code userId} is null
   */
  public static Target user(String userId) {
    return new Target(TargetKind.USER, Arguments.notNull(userId, "userId"));
  }

  /**
   * The room {@code roomId}.
   *
   * @param roomId the room id
   * @return the target
   * @throws InvalidArgumentException if {@code roomId} is null
   */
  public static Target room(String roomId) {
    return new Target(TargetKind.ROOM, Arguments.notNull(roomId, "roomId"));
  }
}
