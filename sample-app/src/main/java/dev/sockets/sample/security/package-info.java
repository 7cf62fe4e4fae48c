/**
 * Who may do what: HTTP Basic for API and Node clients, form login for the browser, users
 * from {@code application.yml}, and CSRF protection for the browser's posts.
 */
@NullMarked
package dev.sockets.sample.security;

import org.jspecify.annotations.NullMarked;
