package dev.sockets.autoconfigure;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code sockets.webhooks} lists a webhook, however it is configured (YAML,
 * properties or environment variables).
 */
class OnWebhooksCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		int webhooks = Binder.get(context.getEnvironment())
			.bind("sockets.webhooks", Bindable.listOf(SocketsProperties.Webhook.class))
			.map(List::size)
			.orElse(0);
		return (webhooks == 0) ? ConditionOutcome.noMatch("no sockets.webhooks")
				: ConditionOutcome.match(webhooks + " sockets.webhooks");
	}

}
