package dev.sockets.channel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * An {@link AuthorizeChannel @AuthorizeChannel} method: its patterns, how each parameter
 * is bound, and how its return value becomes a {@link ChannelDecision}. Everything is
 * checked when it is created, so a mistake fails startup rather than a subscription.
 */
final class AuthorizerMethod implements AuthorizerStep {

	private final Object bean;

	private final Method method;

	private final List<ChannelPattern> patterns;

	private final List<Argument> arguments;

	private final Supplier<ConversionService> conversionService;

	private final String description;

	private AuthorizerMethod(Object bean, Method method, List<ChannelPattern> patterns, List<Argument> arguments,
			Supplier<ConversionService> conversionService, String description) {
		this.bean = bean;
		this.method = method;
		this.patterns = patterns;
		this.arguments = arguments;
		this.conversionService = conversionService;
		this.description = description;
	}

	/**
	 * Checks and wraps an annotated method.
	 * @param beanName the bean's name, for messages
	 * @param bean the bean (possibly a proxy)
	 * @param method the invocable method
	 * @param annotation its annotation
	 * @param conversionService converts channel variables
	 * @return the step
	 * @throws IllegalStateException naming the method and what is wrong with it
	 */
	static AuthorizerMethod of(String beanName, Object bean, Method method, AuthorizeChannel annotation,
			Supplier<ConversionService> conversionService) {
		String description = beanName + "." + method.getName()
				+ Arrays.stream(method.getParameterTypes())
					.map(Class::getSimpleName)
					.collect(Collectors.joining(", ", "(", ")"));
		try {
			List<ChannelPattern> patterns = patterns(annotation);
			checkReturnType(method);
			List<Argument> arguments = new ArrayList<>();
			for (int i = 0; i < method.getParameterCount(); i++) {
				arguments.add(argument(new MethodParameter(method, i), patterns));
			}
			ReflectionUtils.makeAccessible(method);
			return new AuthorizerMethod(bean, method, patterns, List.copyOf(arguments), conversionService, description);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Invalid @AuthorizeChannel method " + description + ": " + ex.getMessage());
		}
	}

	private static List<ChannelPattern> patterns(AuthorizeChannel annotation) {
		if (annotation.value().length == 0) {
			throw new IllegalArgumentException("it names no channel pattern");
		}
		return Arrays.stream(annotation.value()).map(ChannelPattern::parse).toList();
	}

	private static void checkReturnType(Method method) {
		Class<?> type = method.getReturnType();
		if (type != boolean.class && type != Boolean.class && type != ChannelDecision.class
				&& type != PresenceMember.class) {
			throw new IllegalArgumentException("it returns " + type.getSimpleName()
					+ "; return boolean, Boolean (null abstains), ChannelDecision or PresenceMember");
		}
	}

	private static Argument argument(MethodParameter parameter, List<ChannelPattern> patterns) {
		Class<?> type = parameter.getParameterType();
		ChannelVariableParameter variable = ChannelVariableParameter.of(parameter, patterns);
		if (variable != null) {
			return new Argument.Variable(variable);
		}
		if (Principal.class.isAssignableFrom(type)) {
			return new Argument.User(type);
		}
		if (type == SubscriptionRequest.class) {
			return new Argument.Request();
		}
		throw new IllegalArgumentException(
				"parameter " + (parameter.getParameterIndex() + 1) + " (" + type.getSimpleName()
						+ ") is not supported; use a Principal, a SubscriptionRequest or a " + "@ChannelVariable");
	}

	/**
	 * Checks that every channel variable can be converted to its parameter's type.
	 * @param conversionService the conversion service that will convert them
	 * @throws IllegalStateException naming the parameter that cannot be converted
	 */
	void checkConversions(ConversionService conversionService) {
		for (Argument argument : this.arguments) {
			if (argument instanceof Argument.Variable bound && !bound.variable().canConvert(conversionService)) {
				throw new IllegalStateException("Invalid @AuthorizeChannel method " + this.description
						+ ": no converter from String to " + bound.variable().type().getResolvableType()
						+ " for @ChannelVariable '" + bound.variable().name() + "'");
			}
		}
	}

	@Override
	public boolean matches(String channel) {
		for (ChannelPattern pattern : this.patterns) {
			if (pattern.matches(channel)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public @Nullable ChannelDecision decide(SubscriptionRequest request) throws Exception {
		Map<String, String> variables = variables(request.channel());
		Object[] args = new Object[this.arguments.size()];
		for (int i = 0; i < args.length; i++) {
			try {
				args[i] = this.arguments.get(i).resolve(request, variables, this.conversionService.get());
			}
			catch (ConversionException ex) {
				return ChannelDecision.deny("Invalid channel name " + request.channel() + ": "
						+ ((Argument.Variable) this.arguments.get(i)).variable().name() + " is not a valid value");
			}
		}
		return toDecision(invoke(args));
	}

	private Map<String, String> variables(String channel) {
		for (ChannelPattern pattern : this.patterns) {
			if (pattern.matches(channel)) {
				return pattern.variables(channel);
			}
		}
		return Map.of();
	}

	private @Nullable Object invoke(Object[] args) throws Exception {
		try {
			return this.method.invoke(this.bean, args);
		}
		catch (InvocationTargetException ex) {
			if (ex.getCause() instanceof Exception cause) {
				throw cause;
			}
			throw ex;
		}
	}

	private @Nullable ChannelDecision toDecision(@Nullable Object result) {
		if (result == null) {
			// a presence authorizer answers with the member, so no member means no entry
			return (this.method.getReturnType() == PresenceMember.class) ? ChannelDecision.deny() : null;
		}
		if (result instanceof Boolean granted) {
			return granted ? ChannelDecision.grant() : ChannelDecision.deny();
		}
		if (result instanceof PresenceMember member) {
			return ChannelDecision.grant(member);
		}
		return (ChannelDecision) result;
	}

	@Override
	public String description() {
		return this.description;
	}

	/**
	 * How one parameter gets its value.
	 */
	private sealed interface Argument {

		@Nullable Object resolve(SubscriptionRequest request, Map<String, String> variables, ConversionService conversionService);

		record Variable(ChannelVariableParameter variable) implements Argument {

			@Override
			public @Nullable Object resolve(SubscriptionRequest request, Map<String, String> variables,
					ConversionService conversionService) {
				return this.variable.resolve(variables, conversionService);
			}

		}

		record User(Class<?> type) implements Argument {

			@Override
			public @Nullable Object resolve(SubscriptionRequest request, Map<String, String> variables,
					ConversionService conversionService) {
				return ClassUtils.isAssignableValue(this.type, request.principal()) ? request.principal() : null;
			}

		}

		record Request() implements Argument {

			@Override
			public Object resolve(SubscriptionRequest request, Map<String, String> variables,
					ConversionService conversionService) {
				return request;
			}

		}

	}

}
