package dev.sockets.sample.security;

import org.jspecify.annotations.Nullable;

/**
 * Who the page is signed in as: the body of {@code GET /me}.
 *
 * @param name the user's name, {@code null} when anonymous
 * @param team the user's team, {@code null} when anonymous or in no team
 */
public record CurrentUser(@Nullable String name, @Nullable String team) {

}
