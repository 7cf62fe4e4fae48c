package dev.sockets.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.util.AntPathMatcher;

/**
 * A channel-name pattern of {@link AuthorizeChannel}: Spring's {@code @MessageMapping}
 * syntax with {@code .} as the separator, checked when the application starts.
 */
final class ChannelPattern {

	// '.' separates parts as in destination patterns, so {teamId} never swallows a dot
	private static final AntPathMatcher MATCHER = new AntPathMatcher(".");

	private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9_\\-=@,.;*]*");

	private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	private final String pattern;

	private final List<String> variables;

	private ChannelPattern(String pattern, List<String> variables) {
		this.pattern = pattern;
		this.variables = variables;
	}

	/**
	 * Parses and checks a pattern.
	 * @param pattern the pattern
	 * @return the pattern
	 * @throws IllegalArgumentException saying what is wrong with it
	 */
	static ChannelPattern parse(String pattern) {
		if (pattern.isEmpty()) {
			throw new IllegalArgumentException("A channel pattern must not be empty");
		}
		List<String> variables = new ArrayList<>();
		int i = 0;
		while (i < pattern.length()) {
			int open = pattern.indexOf('{', i);
			int end = (open < 0) ? pattern.length() : open;
			String literal = pattern.substring(i, end);
			if (!LITERAL.matcher(literal).matches() || literal.contains("}")) {
				throw new IllegalArgumentException("Channel pattern '" + pattern
						+ "' may only contain the characters of channel names (A-Z a-z 0-9 _ - = @ , . ;), "
						+ "'*' and {variables}");
			}
			if (open < 0) {
				break;
			}
			int close = closingBrace(pattern, open);
			String variable = pattern.substring(open + 1, close);
			int colon = variable.indexOf(':');
			String name = (colon < 0) ? variable : variable.substring(0, colon);
			if (!VARIABLE_NAME.matcher(name).matches()) {
				throw new IllegalArgumentException(
						"Channel pattern '" + pattern + "' has a bad variable name '" + name + "'");
			}
			if (variables.contains(name)) {
				throw new IllegalArgumentException(
						"Channel pattern '" + pattern + "' uses the variable '" + name + "' twice");
			}
			if (colon >= 0) {
				checkRegex(pattern, variable.substring(colon + 1));
			}
			variables.add(name);
			i = close + 1;
		}
		return new ChannelPattern(pattern, List.copyOf(variables));
	}

	// a {name:regex} variable may itself contain braces, e.g. {id:\d{3}}
	private static int closingBrace(String pattern, int open) {
		int depth = 0;
		for (int i = open; i < pattern.length(); i++) {
			char c = pattern.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (c == '{') {
				depth++;
			}
			else if (c == '}' && --depth == 0) {
				return i;
			}
		}
		throw new IllegalArgumentException("Channel pattern '" + pattern + "' has an unclosed '{'");
	}

	private static void checkRegex(String pattern, String regex) {
		try {
			Pattern.compile(regex);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(
					"Channel pattern '" + pattern + "' has a bad regular expression '" + regex + "'", ex);
		}
	}

	/**
	 * Whether a channel matches.
	 * @param channel a channel name
	 * @return {@code true} if it matches
	 */
	boolean matches(String channel) {
		return MATCHER.match(this.pattern, channel);
	}

	/**
	 * The variables of a matching channel.
	 * @param channel a channel that {@link #matches}
	 * @return variable name to value
	 */
	Map<String, String> variables(String channel) {
		return this.variables.isEmpty() ? Map.of() : MATCHER.extractUriTemplateVariables(this.pattern, channel);
	}

	/**
	 * The names of the pattern's variables.
	 * @return the names, in order
	 */
	List<String> variableNames() {
		return this.variables;
	}

	@Override
	public String toString() {
		return this.pattern;
	}

}
