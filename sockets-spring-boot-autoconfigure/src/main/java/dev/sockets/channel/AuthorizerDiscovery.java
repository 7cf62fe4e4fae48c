package dev.sockets.channel;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.OrderUtils;
import org.springframework.core.convert.ConversionService;
import org.springframework.util.function.SingletonSupplier;

/**
 * Internal: finds the authorizers as beans are created, {@link ChannelAuthorizer} beans
 * and {@link AuthorizeChannel @AuthorizeChannel} methods alike, and the
 * {@link ClientEventHandler @ClientEventHandler} methods, and checks each method so that
 * a bad pattern or parameter fails startup with a message naming it.
 * <p>
 * Channel variables are converted by an {@link ApplicationConversionService} that also
 * holds the application's {@code Converter} and {@code Formatter} beans.
 */
public final class AuthorizerDiscovery implements BeanPostProcessor, SmartInitializingSingleton, BeanFactoryAware {

	private final AuthorizerChain chain = new AuthorizerChain();

	private final List<HandlerMethod> handlers = new CopyOnWriteArrayList<>();

	private volatile @Nullable Consumer<HandlerMethod> handlerSink;

	private final SingletonSupplier<ConversionService> conversionService = SingletonSupplier
		.of(this::createConversionService);

	private @Nullable ListableBeanFactory beanFactory;

	private volatile boolean started;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		if (beanFactory instanceof ListableBeanFactory listable) {
			this.beanFactory = listable;
		}
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		Class<?> type = AopProxyUtils.ultimateTargetClass(bean);
		if (bean instanceof ChannelAuthorizer authorizer) {
			this.chain.add(new AuthorizerStep.OfBean(authorizer, beanName), order(bean, beanName, type));
		}
		Map<Method, AuthorizeChannel> methods = MethodIntrospector.selectMethods(type,
				(MethodIntrospector.MetadataLookup<AuthorizeChannel>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, AuthorizeChannel.class));
		MethodIntrospector
			.selectMethods(type,
					(MethodIntrospector.MetadataLookup<ClientEventHandler>) (method) -> AnnotatedElementUtils
						.findMergedAnnotation(method, ClientEventHandler.class))
			.forEach((method, annotation) -> addHandler(HandlerMethod.of(beanName, bean,
					AopUtils.selectInvocableMethod(method, bean.getClass()), annotation)));
		methods.forEach((method, annotation) -> {
			AuthorizerMethod step = AuthorizerMethod.of(beanName, bean,
					AopUtils.selectInvocableMethod(method, bean.getClass()), annotation, conversions());
			if (this.started) {
				step.checkConversions(this.conversionService.obtain());
			}
			Integer methodOrder = OrderUtils.getOrder(method);
			this.chain.add(step, (methodOrder != null) ? methodOrder : order(bean, beanName, type));
		});
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		// converters are beans too, so conversions can be checked once they all exist
		ConversionService conversions = this.conversionService.obtain();
		for (AuthorizerStep step : this.chain.all()) {
			if (step instanceof AuthorizerMethod method) {
				method.checkConversions(conversions);
			}
		}
		this.started = true;
	}

	private synchronized void addHandler(HandlerMethod handler) {
		this.handlers.add(handler);
		Consumer<HandlerMethod> sink = this.handlerSink;
		if (sink != null) {
			sink.accept(handler);
		}
	}

	/**
	 * Hands over the client event handlers found so far and those found later.
	 * @param sink receives each handler once
	 */
	synchronized void handlers(Consumer<HandlerMethod> sink) {
		this.handlers.forEach(sink);
		this.handlerSink = sink;
	}

	/**
	 * The conversion service channel variables are converted with.
	 * @return the conversion service
	 */
	ConversionService conversionService() {
		return this.conversionService.obtain();
	}

	/**
	 * The authorizers found so far, in order.
	 * @return the chain
	 */
	AuthorizerChain chain() {
		return this.chain;
	}

	private Supplier<ConversionService> conversions() {
		return this.conversionService;
	}

	private ConversionService createConversionService() {
		ApplicationConversionService conversions = new ApplicationConversionService();
		if (this.beanFactory != null) {
			ApplicationConversionService.addBeans(conversions, this.beanFactory);
		}
		return conversions;
	}

	// as ObjectProvider.orderedStream() orders beans: Ordered, then @Order on the @Bean
	// method, then on the class
	private int order(Object bean, String beanName, Class<?> type) {
		if (bean instanceof Ordered ordered) {
			return ordered.getOrder();
		}
		if (this.beanFactory instanceof ConfigurableListableBeanFactory factory
				&& factory.containsBeanDefinition(beanName)
				&& factory.getMergedBeanDefinition(beanName) instanceof RootBeanDefinition definition
				&& definition.getResolvedFactoryMethod() != null) {
			Integer order = OrderUtils.getOrder(definition.getResolvedFactoryMethod());
			if (order != null) {
				return order;
			}
		}
		return OrderUtils.getOrder(type, Ordered.LOWEST_PRECEDENCE);
	}

}
