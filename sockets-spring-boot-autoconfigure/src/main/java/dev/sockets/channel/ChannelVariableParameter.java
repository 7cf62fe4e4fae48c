package dev.sockets.channel;

import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;

/**
 * A method parameter bound by {@link ChannelVariable @ChannelVariable} to a variable of
 * the method's channel patterns. Authorizer and client event handler methods both bind
 * their variables through it, so the two read a channel name alike.
 *
 * @param name the variable's name
 * @param type the parameter's type, which the variable's value is converted to
 */
record ChannelVariableParameter(String name, TypeDescriptor type) {

	private static final TypeDescriptor STRING = TypeDescriptor.valueOf(String.class);

	/**
	 * The variable a parameter is bound to, checked against the method's patterns.
	 * @param parameter the parameter
	 * @param patterns the method's channel patterns; the variable must be in each
	 * @return the binding, or {@code null} when the parameter is not annotated
	 * @throws IllegalArgumentException if the variable's name is unknown or missing from
	 * a pattern
	 */
	static @Nullable ChannelVariableParameter of(MethodParameter parameter, List<ChannelPattern> patterns) {
		ChannelVariable variable = parameter.getParameterAnnotation(ChannelVariable.class);
		if (variable == null) {
			return null;
		}
		String name = variable.value().isEmpty() ? parameterName(parameter) : variable.value();
		for (ChannelPattern pattern : patterns) {
			if (!pattern.variableNames().contains(name)) {
				throw new IllegalArgumentException(
						"@ChannelVariable '" + name + "' is not a variable of the pattern '" + pattern + "'");
			}
		}
		return new ChannelVariableParameter(name, new TypeDescriptor(parameter));
	}

	private static String parameterName(MethodParameter parameter) {
		Parameter reflected = parameter.getMethod().getParameters()[parameter.getParameterIndex()];
		if (!reflected.isNamePresent()) {
			throw new IllegalArgumentException(
					"the name of @ChannelVariable parameter " + (parameter.getParameterIndex() + 1)
							+ " is unknown; name it (@ChannelVariable(\"teamId\")) or compile with -parameters");
		}
		return reflected.getName();
	}

	/**
	 * Whether the conversion service can make the parameter's type from a string.
	 * @param conversionService the conversion service
	 * @return {@code true} if it has a converter
	 */
	boolean canConvert(ConversionService conversionService) {
		return conversionService.canConvert(STRING, this.type);
	}

	/**
	 * The argument for a channel's variables.
	 * @param variables the values the channel gives the pattern's variables
	 * @param conversionService converts the value
	 * @return the converted value
	 * @throws ConversionException if the value does not convert
	 */
	@Nullable Object resolve(Map<String, String> variables, ConversionService conversionService) {
		return conversionService.convert(variables.get(this.name), STRING, this.type);
	}

}
