package dev.presence;

/**
 * The optional parts of {@link Engine#open(String, OpenOptions)}: the owning user, application
 * metadata, a transport id to bind, the initial visibility, and the session's resume token.
 * Immutable; start from {@link #guest()} or {@link #user(String)} and add with the {@code with...}
 * methods:
 *
 * <pre>{@code
 * engine.open("tab-7f3a", OpenOptions.user("ann").withTransportId(socketId));
 * }</pre>
 *
 * @param userId the owning user, or null for a guest session (see {@link Engine#identify})
 * @param meta application metadata (for example JSON naming the device), or null for none; on a
 *     continuation, metadata replaces the stored one
 * @param transportId a transport id to bind (for example a socket id), or null for none; {@link
 *     Engine#disconnectTransport} then finds the session by it
 * @param visibility the initial visibility; {@link Visibility#UNKNOWN} means visible for a new
 *     session and unchanged for a continuation
 * @param resumeToken the session's {@linkplain OpenResult#resumeToken() resume token}, when a
 *     client continues its session from another transport, or null for none; required then if the
 *     engine {@linkplain EngineBuilder#requireResumeToken requires it}
 */
public record OpenOptions(
    String userId, String meta, String transportId, Visibility visibility, String resumeToken) {
  private static final OpenOptions GUEST =
      new OpenOptions(null, null, null, Visibility.UNKNOWN, null);

  /**
   * Checks the options.
   *
   * @param userId the owning user, or null for a guest session
   * @param meta application metadata, or null for none
   * @param transportId a transport id to bind, or null for none
   * @param visibility the initial visibility
   * @param resumeToken the session's resume token, or null for none
   * @throws InvalidArgumentException if {@code visibility} is null
   */
  public OpenOptions {
    Arguments.notNull(visibility, "visibility");
  }

  /**
   * Options without a resume token: the canonical constructor of the first release, kept so that
   * code written against it compiles unchanged.
   *
   * @param userId the owning user, or null for a guest session
   * @param meta application metadata, or null for none
   * @param transportId a transport id to bind, or null for none
   * @param visibility the initial visibility
   * @throws InvalidArgumentException if {@code visibility} is null
   */
  public OpenOptions(String userId, String meta, String transportId, Visibility visibility) {
    this(userId, meta, transportId, visibility, null);
  }

  /**
   * A guest session: no user, metadata or transport; visibility unknown.
   *
   * @return the guest options
   */
  public static OpenOptions guest() {
    return GUEST;
  }

  /**
   * A session of {@code userId}.
   *
   * @param userId the owning user
   * @return options for a session of that user
   * @throws InvalidArgumentException if {@code userId} is null
   */
  public static OpenOptions user(String userId) {
    return GUEST.withUserId(Arguments.notNull(userId, "userId"));
  }

  /**
   * These options with another owning user.
   *
   * @param userId the owning user, or null for a guest
   * @return the new options
   */
  public OpenOptions withUserId(String userId) {
    return new OpenOptions(userId, meta, transportId, visibility, resumeToken);
  }

  /**
   * These options with metadata.
   *
   * @param meta application metadata, or null for none
   * @return the new options
   */
  public OpenOptions withMeta(String meta) {
    return new OpenOptions(userId, meta, transportId, visibility, resumeToken);
  }

  /**
   * These options with a transport id to bind.
   *
   * @param transportId the transport id, or null for none
   * @return the new options
   */
  public OpenOptions withTransportId(String transportId) {
    return new OpenOptions(userId, meta, transportId, visibility, resumeToken);
  }

  /**
   * These options with an initial visibility.
   *
   * @param visibility the initial visibility
   * @return the new options
   * @throws InvalidArgumentException if {@code visibility} is null
   */
  public OpenOptions withVisibility(Visibility visibility) {
    return new OpenOptions(userId, meta, transportId, visibility, resumeToken);
  }

  /**
   * These options with the session's resume token, as its client got it from the {@link
   * OpenResult#resumeToken()} of an earlier open: the proof that a reconnecting client owns the
   * session. A wrong token is {@link DeniedException} when the engine requires tokens, and ignored
   * otherwise.
   *
   * @param resumeToken the token, or null for none
   * @return the new options
   */
  public OpenOptions withResumeToken(String resumeToken) {
    return new OpenOptions(userId, meta, transportId, visibility, resumeToken);
  }
}
