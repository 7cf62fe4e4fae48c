package dev.sockets.channel;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ChannelVariableParameter}, the one binding of {@link ChannelVariable}
 * that authorizer and client event handler methods share.
 */
class ChannelVariableParameterTests {

	private static final ConversionService CONVERSIONS = DefaultConversionService.getSharedInstance();

	private static final List<ChannelPattern> TEAM = List.of(ChannelPattern.parse("private-team.{teamId}.{room}"));

	@Test
	void bindsTheVariableOfTheParametersNameAndConvertsIt() {
		ChannelVariableParameter variable = ChannelVariableParameter.of(parameter("byName", 0), TEAM);
		assertThat(variable).isNotNull();
		assertThat(variable.name()).isEqualTo("teamId");
		assertThat(variable.resolve(TEAM.get(0).variables("private-team.42.lobby"), CONVERSIONS)).isEqualTo(42L);
	}

	@Test
	void anExplicitNameWinsOverTheParametersName() {
		ChannelVariableParameter variable = ChannelVariableParameter.of(parameter("byName", 1), TEAM);
		assertThat(variable).isNotNull();
		assertThat(variable.name()).isEqualTo("room");
		assertThat(variable.resolve(TEAM.get(0).variables("private-team.42.lobby"), CONVERSIONS)).isEqualTo("lobby");
	}

	@Test
	void aParameterWithoutTheAnnotationIsNotAVariable() {
		assertThat(ChannelVariableParameter.of(parameter("byName", 2), TEAM)).isNull();
	}

	@Test
	void aVariableMustBeInEveryPattern() {
		List<ChannelPattern> patterns = List.of(TEAM.get(0), ChannelPattern.parse("private-org.{teamId}"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChannelVariableParameter.of(parameter("byName", 1), patterns))
			.withMessage("@ChannelVariable 'room' is not a variable of the pattern 'private-org.{teamId}'");
	}

	@Test
	void aValueThatDoesNotConvertFailsWithAConversionException() {
		ChannelVariableParameter variable = ChannelVariableParameter.of(parameter("uuid", 0),
				List.of(ChannelPattern.parse("private-doc.{id}")));
		assertThat(variable).isNotNull();
		assertThat(variable.canConvert(CONVERSIONS)).isTrue();
		assertThatExceptionOfType(ConversionException.class)
			.isThrownBy(() -> variable.resolve(Map.of("id", "not-a-uuid"), CONVERSIONS));
	}

	@Test
	void canConvertTellsWhetherAConverterExists() {
		ChannelVariableParameter variable = ChannelVariableParameter.of(parameter("stream", 0),
				List.of(ChannelPattern.parse("private-doc.{id}")));
		assertThat(variable).isNotNull();
		assertThat(variable.canConvert(CONVERSIONS)).isFalse();
	}

	@Test
	void authorizerAndHandlerMethodsRejectAMissingVariableAlike() {
		Method authorizer = method("authorizer");
		Method handler = method("handler");
		Supplier<ConversionService> conversions = () -> CONVERSIONS;
		assertThatIllegalStateException()
			.isThrownBy(() -> AuthorizerMethod.of("bean", new Methods(), authorizer,
					authorizer.getAnnotation(AuthorizeChannel.class), conversions))
			.withMessageEndingWith("@ChannelVariable 'team' is not a variable of the pattern 'private-org.{org}'");
		assertThatIllegalStateException().isThrownBy(
				() -> HandlerMethod.of("bean", new Methods(), handler, handler.getAnnotation(ClientEventHandler.class)))
			.withMessageEndingWith("@ChannelVariable 'team' is not a variable of the pattern 'private-org.{org}'");
	}

	private static MethodParameter parameter(String method, int index) {
		return new MethodParameter(method(method), index);
	}

	private static Method method(String name) {
		for (Method method : ReflectionUtils.getDeclaredMethods(Methods.class)) {
			if (method.getName().equals(name)) {
				return method;
			}
		}
		throw new IllegalArgumentException(name);
	}

	@SuppressWarnings("unused")
	static class Methods {

		void byName(@ChannelVariable long teamId, @ChannelVariable("room") String name, String other) {
		}

		void uuid(@ChannelVariable UUID id) {
		}

		void stream(@ChannelVariable InputStream id) {
		}

		@AuthorizeChannel("private-org.{org}")
		boolean authorizer(@ChannelVariable String team) {
			return true;
		}

		@ClientEventHandler(channel = "private-org.{org}", event = "client-hello")
		void handler(@ChannelVariable String team) {
		}

	}

}
