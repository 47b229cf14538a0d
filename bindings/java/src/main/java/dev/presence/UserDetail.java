package dev.presence;

import java.util.List;

/**
 * One user and its live sessions, from {@link Engine#user(String)}.
 *
 * @param user the user
 * @param sessions its live sessions (none for a remembered offline user)
 */
public record UserDetail(User user, List<Session> sessions) {}
