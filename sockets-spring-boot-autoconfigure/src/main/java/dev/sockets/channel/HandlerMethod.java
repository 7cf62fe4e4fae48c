package dev.sockets.channel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.Validator;

/**
 * A {@link ClientEventHandler @ClientEventHandler} method: its channel pattern and event,
 * how each parameter is bound, checked when it is created.
 */
final class HandlerMethod {

	private final Object bean;

	private final Method method;

	private final ChannelPattern pattern;

	private final String event;

	private final boolean relay;

	private final List<Binding> bindings;

	private final String description;

	private HandlerMethod(Object bean, Method method, ChannelPattern pattern, String event, boolean relay,
			List<Binding> bindings, String description) {
		this.bean = bean;
		this.method = method;
		this.pattern = pattern;
		this.event = event;
		this.relay = relay;
		this.bindings = bindings;
		this.description = description;
	}

	static HandlerMethod of(String beanName, Object bean, Method method, ClientEventHandler annotation) {
		String description = beanName + "." + method.getName()
				+ Arrays.stream(method.getParameterTypes())
					.map(Class::getSimpleName)
					.collect(Collectors.joining(", ", "(", ")"));
		try {
			if (!annotation.event().startsWith("client-")) {
				throw new IllegalArgumentException("its event '" + annotation.event() + "' must start with 'client-'");
			}
			ChannelPattern pattern = ChannelPattern.parse(annotation.channel());
			List<Binding> bindings = new ArrayList<>();
			boolean payload = false;
			for (int i = 0; i < method.getParameterCount(); i++) {
				Binding binding = binding(new MethodParameter(method, i), pattern);
				if (binding instanceof Binding.Payload) {
					if (payload) {
						throw new IllegalArgumentException(
								"it has two payload parameters; annotate channel " + "variables with @ChannelVariable");
					}
					payload = true;
				}
				bindings.add(binding);
			}
			ReflectionUtils.makeAccessible(method);
			return new HandlerMethod(bean, method, pattern, annotation.event(), annotation.relay(),
					List.copyOf(bindings), description);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(
					"Invalid @ClientEventHandler method " + description + ": " + ex.getMessage());
		}
	}

	private static Binding binding(MethodParameter parameter, ChannelPattern pattern) {
		Class<?> type = parameter.getParameterType();
		ChannelVariableParameter variable = ChannelVariableParameter.of(parameter, List.of(pattern));
		if (variable != null) {
			return new Binding.Variable(variable);
		}
		if (Principal.class.isAssignableFrom(type)) {
			return new Binding.User(type);
		}
		if (type == ClientEventContext.class) {
			return new Binding.Context();
		}
		boolean validate = Arrays.stream(parameter.getParameterAnnotations())
			.anyMatch((annotation) -> annotation.annotationType().getName().equals("jakarta.validation.Valid"));
		return new Binding.Payload(parameter, validate);
	}

	boolean matches(String channel, String event) {
		return this.event.equals(event) && this.pattern.matches(channel);
	}

	boolean relay() {
		return this.relay;
	}

	String description() {
		return this.description;
	}

	/**
	 * Calls the method.
	 * @return the outcome: a reply (possibly {@code null}), or why the payload was
	 * refused
	 */
	HandlerOutcome invoke(ClientEventContext context, @Nullable JsonNode data, JsonMapper jsonMapper,
			ConversionService conversions, @Nullable Validator validator) throws Exception {
		Map<String, String> variables = this.pattern.variables(context.channel());
		Object[] args = new Object[this.bindings.size()];
		for (int i = 0; i < args.length; i++) {
			Binding binding = this.bindings.get(i);
			if (binding instanceof Binding.Payload payload) {
				HandlerOutcome refused = bindPayload(payload, data, jsonMapper, validator, args, i);
				if (refused != null) {
					return refused;
				}
			}
			else if (binding instanceof Binding.Variable bound) {
				try {
					args[i] = bound.variable().resolve(variables, conversions);
				}
				catch (ConversionException ex) {
					return HandlerOutcome.refused(Map.of(bound.variable().name(), "is not a valid value"));
				}
			}
			else if (binding instanceof Binding.User user) {
				args[i] = ClassUtils.isAssignableValue(user.type(), context.principal()) ? context.principal() : null;
			}
			else {
				args[i] = context;
			}
		}
		try {
			return HandlerOutcome.reply(this.method.invoke(this.bean, args));
		}
		catch (InvocationTargetException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
	}

	private static @Nullable HandlerOutcome bindPayload(Binding.Payload payload, @Nullable JsonNode data,
			JsonMapper jsonMapper, @Nullable Validator validator, Object[] args, int index) {
		JavaType type = jsonMapper.constructType(payload.parameter().getGenericParameterType());
		try {
			JsonNode tree = (data != null && data.isString()) ? jsonMapper.readTree(data.stringValue()) : data;
			args[index] = (tree == null || tree.isNull()) ? null : jsonMapper.treeToValue(tree, type);
		}
		catch (JacksonException ex) {
			return HandlerOutcome.refused(Map.of("data", "does not match " + type.getRawClass().getSimpleName()));
		}
		if (payload.validate() && validator != null && args[index] != null) {
			BeanPropertyBindingResult errors = new BeanPropertyBindingResult(args[index], "data");
			validator.validate(args[index], errors);
			if (errors.hasErrors()) {
				Map<String, String> fields = new java.util.TreeMap<>();
				errors.getFieldErrors()
					.forEach(
							(error) -> fields.putIfAbsent(error.getField(), String.valueOf(error.getDefaultMessage())));
				errors.getGlobalErrors()
					.forEach((error) -> fields.putIfAbsent(error.getObjectName(),
							String.valueOf(error.getDefaultMessage())));
				return HandlerOutcome.refused(fields);
			}
		}
		return null;
	}

	private sealed interface Binding {

		record Variable(ChannelVariableParameter variable) implements Binding {
		}

		record User(Class<?> type) implements Binding {
		}

		record Context() implements Binding {
		}

		record Payload(MethodParameter parameter, boolean validate) implements Binding {
		}

	}

}
