package com.starrymeet.common.config;

import java.util.Map;

import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.EventSettings;
import com.starrymeet.common.events.IdempotentConsumer;
import com.starrymeet.common.events.MalformedEventException;
import com.starrymeet.common.events.OutboxHousekeeping;
import com.starrymeet.common.events.OutboxRedelivery;
import com.starrymeet.common.events.Topics;
import com.starrymeet.common.observability.TraceIdResponseFilter;
import com.starrymeet.common.observability.TraceIds;
import java.util.List;

import com.starrymeet.common.security.Caller;
import com.starrymeet.common.security.CallerArgumentResolver;
import com.starrymeet.common.security.ServiceSecurityConfiguration;
import com.starrymeet.common.web.PageQueryArgumentResolver;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.core.env.Environment;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import com.starrymeet.common.security.ServiceSecurityProperties;
import com.starrymeet.common.web.ProblemErrorController;
import com.starrymeet.common.web.ProblemExceptionHandler;
import com.starrymeet.common.web.ProblemWriter;
import com.starrymeet.common.web.RequestBodyLimitFilter;
import io.micrometer.tracing.Tracer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.RoutingTarget;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every StarryMeet servlet service gets by depending on common-lib: problem+json errors, the request
 * size limit, trace ids on responses, the default security chain, and the event plumbing (outbox routing to
 * Kafka, redelivery, idempotent consumption, dead-letter topics).
 */
@AutoConfiguration(before = { ErrorMvcAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({ WebSettings.class, ServiceSecurityProperties.class, EventSettings.class })
public class StarryMeetServiceAutoConfiguration {

	@Bean
	TraceIds traceIds(ObjectProvider<Tracer> tracer) {
		return new TraceIds(tracer);
	}

	@Bean
	ProblemWriter problemWriter(JsonMapper json, TraceIds traceIds) {
		return new ProblemWriter(json, traceIds);
	}

	@Bean
	ProblemExceptionHandler problemExceptionHandler(TraceIds traceIds) {
		return new ProblemExceptionHandler(traceIds);
	}

	@Bean
	ProblemErrorController problemErrorController(ProblemWriter problems) {
		return new ProblemErrorController(problems);
	}

	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(WebSettings settings, ProblemWriter problems) {
		var registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(settings.maxRequestSize().toBytes(), problems));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		return registration;
	}

	@Bean
	FilterRegistrationBean<TraceIdResponseFilter> traceIdResponseFilter(TraceIds traceIds) {
		var registration = new FilterRegistrationBean<>(new TraceIdResponseFilter(traceIds));
		// after ServerHttpObservationFilter (HIGHEST_PRECEDENCE + 1) has opened the request's span
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

	@Bean
	@ConditionalOnMissingBean(SecurityFilterChain.class)
	SecurityFilterChain starrymeetSecurityFilterChain(HttpSecurity http, ServiceSecurityProperties properties,
			ProblemWriter problems) throws Exception {
		return ServiceSecurityConfiguration.build(http, properties, problems);
	}

	/**
	 * Request bodies are read strictly, so a typed request record sees exactly what the client sent. The defaults
	 * ({@link ServiceDefaults}) refuse unknown fields, keep an absent {@code Optional} apart from {@code null} and
	 * refuse {@code "100"} or {@code 12.5} for a whole number; Jackson would still turn a number or a boolean into
	 * text ({@code "bio": 5} into {@code "5"}) and an empty string into a null UUID, date or number. Both are refused
	 * here, so each is a 400 naming the field. Events are written by our own typed records: nothing changes for them.
	 */
	@Bean
	JsonMapperBuilderCustomizer starrymeetStrictCoercion() {
		return builder -> builder
			.withCoercionConfigDefaults(config -> config.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Textual,
					config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}

	/** A missing secret stops the service before any bean is made, naming the setting. */
	@Bean
	static RequiredSecrets requiredSecrets() {
		return new RequiredSecrets();
	}

	@Bean
	CallerArgumentResolver callerArgumentResolver() {
		return new CallerArgumentResolver();
	}

	@Bean
	PageQueryArgumentResolver pageQueryArgumentResolver() {
		return new PageQueryArgumentResolver();
	}

	/** {@link Caller} and {@link com.starrymeet.common.web.Pagination.PageQuery} handler parameters. */
	@Bean
	WebMvcConfigurer starrymeetArgumentResolvers(CallerArgumentResolver callers, PageQueryArgumentResolver pages) {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(callers);
				resolvers.add(pages);
			}
		};
	}

	@Bean
	OperationCustomizer starrymeetOperationDocumentation() {
		return ApiDocumentation.pagingParameters();
	}

	@Bean
	OpenApiCustomizer starrymeetApiDocumentation(Environment environment, ServiceSecurityProperties security) {
		return ApiDocumentation.conventions(environment.getProperty("spring.application.name", "service"),
				environment.getProperty("starrymeet.api.public-url", "https://api.starrymeet.com"), security);
	}

	/** Carries the trace (and other thread-bound context) into @Async work such as the outbox send. */
	@Bean
	@ConditionalOnMissingBean
	ContextPropagatingTaskDecorator contextPropagatingTaskDecorator() {
		return new ContextPropagatingTaskDecorator();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	@EnableScheduling
	static class Events {

		/** Every {@link EventEnvelope} goes to its aggregate's topic, keyed by aggregate id. */
		@Bean
		EventExternalizationConfiguration eventExternalizationConfiguration() {
			return EventExternalizationConfiguration.externalizing()
				.select(event -> event instanceof EventEnvelope<?>)
				.route(EventEnvelope.class,
						event -> RoutingTarget.forTarget(event.topic()).andKey(event.aggregateId()))
				.headers(EventEnvelope.class,
						event -> Map.of("eventId", event.eventId().toString(), "eventType", event.type()))
				.build();
		}

		/** Every topic of {@link Topics#catalog()}, created with its settings when missing (never auto-created). */
		@Bean
		KafkaAdmin.NewTopics starrymeetTopics() {
			return new KafkaAdmin.NewTopics(Topics.catalog()
				.stream()
				.map(spec -> TopicBuilder.name(spec.name()).partitions(spec.partitions()).configs(spec.config()).build())
				.toArray(NewTopic[]::new));
		}

		@Bean
		IdempotentConsumer idempotentConsumer(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json) {
			return new IdempotentConsumer(jdbc, transactions, json);
		}

		@Bean
		OutboxHousekeeping outboxHousekeeping(JdbcClient jdbc, EventSettings settings) {
			return new OutboxHousekeeping(jdbc, settings, java.time.Clock.systemUTC());
		}

		@Bean
		OutboxRedelivery outboxRedelivery(FailedEventPublications failed, EventSettings settings) {
			return new OutboxRedelivery(failed, settings);
		}

		/**
		 * Bounded retries, then the raw record goes to {@code <topic>.DLT} unchanged (its own string template,
		 * since the outbox template serializes objects). Malformed records skip the retries.
		 */
		@Bean
		@ConditionalOnMissingBean(CommonErrorHandler.class)
		CommonErrorHandler deadLetteringErrorHandler(KafkaProperties kafka, EventSettings settings) {
			Map<String, Object> config = kafka.buildProducerProperties();
			// records keep the consumer's deserialized form (String or byte[]); resend them as they came
			var template = new KafkaTemplate<>(
					new DefaultKafkaProducerFactory<Object, Object>(config, keysOrValues(), keysOrValues()));
			var recoverer = new DeadLetterPublishingRecoverer(template,
					(record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
			var handler = new DefaultErrorHandler(recoverer,
					new FixedBackOff(settings.consumerBackoff().toMillis(), Math.max(0, settings.consumerAttempts() - 1)));
			handler.addNotRetryableExceptions(MalformedEventException.class);
			return handler;
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	static org.apache.kafka.common.serialization.Serializer<Object> keysOrValues() {
		return (org.apache.kafka.common.serialization.Serializer) new DelegatingByTypeSerializer(
				Map.of(byte[].class, new ByteArraySerializer(), String.class, new StringSerializer()));
	}
}
