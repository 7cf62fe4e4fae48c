package dev.sockets.channel;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.security.Principal;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.annotation.SimpleReflectiveProcessor;

/**
 * Native images: a {@link ClientEventHandler} method is invoked reflectively, its payload
 * read by Jackson and its reply written by Jackson, so all three need hints. Applied by
 * Spring's AOT processing to every bean with such a method.
 */
class ClientEventHandlerReflectiveProcessor extends SimpleReflectiveProcessor {

	private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

	@Override
	protected void registerMethodHint(ReflectionHints hints, Method method) {
		super.registerMethodHint(hints, method);
		for (Parameter parameter : method.getParameters()) {
			if (isBound(parameter.getType()) && !parameter.isAnnotationPresent(ChannelVariable.class)) {
				this.bindings.registerReflectionHints(hints, parameter.getParameterizedType());
			}
		}
		if (isBound(method.getReturnType())) {
			this.bindings.registerReflectionHints(hints, method.getGenericReturnType());
		}
	}

	// what Jackson reads or writes: neither the user, nor the context the starter passes,
	// nor a value without properties
	private static boolean isBound(Class<?> type) {
		return !type.isPrimitive() && type != void.class && !Principal.class.isAssignableFrom(type)
				&& !ClientEventContext.class.isAssignableFrom(type) && !type.getName().startsWith("java.lang.");
	}

}
