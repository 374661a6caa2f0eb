package com.starrymeet.search.query;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.starrymeet.common.events.EventEnvelope;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes {@link SearchPerformed} straight to Kafka ({@code starrymeet.search.v1}, the envelope and headers the
 * outbox would write), off the request thread and best effort: a search never waits for (or fails because of)
 * the broker. Not through the outbox, on purpose: a search changes no state that the event must agree with, and
 * an outbox row per search (insert, send, mark completed) cost more than the search itself — under load the
 * writes fell behind and took the CPU the searches needed. The producer batches the sends. When more than
 * {@code queue} events wait (broker down or slow), further ones are dropped and logged at debug.
 */
@Component
public class SearchEvents implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SearchEvents.class);

	private final KafkaTemplate<String, byte[]> kafka;

	private final JsonMapper json;

	private final boolean enabled;

	private final ThreadPoolExecutor executor;

	SearchEvents(KafkaTemplate<String, byte[]> kafka, JsonMapper json,
			@Value("${starrymeet.search.publish-searches:true}") boolean enabled,
			@Value("${starrymeet.search.publish-queue:10000}") int queue) {
		this.kafka = kafka;
		this.json = json;
		this.enabled = enabled;
		this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue),
				Thread.ofPlatform().name("search-events").daemon().factory(),
				(task, pool) -> log.debug("SearchPerformed dropped: queue full"));
	}

	public void performed(SearchPerformed event) {
		if (!enabled) {
			return;
		}
		executor.execute(() -> {
			try {
				var envelope = EventEnvelope.of(SearchPerformed.AGGREGATE, UUID.randomUUID(), 1, event);
				var record = new ProducerRecord<String, byte[]>(envelope.topic(), envelope.aggregateId(),
						json.writeValueAsBytes(envelope));
				record.headers().add("eventId", envelope.eventId().toString().getBytes(StandardCharsets.UTF_8));
				record.headers().add("eventType", envelope.type().getBytes(StandardCharsets.UTF_8));
				kafka.send(record).whenComplete((result, ex) -> {
					if (ex != null) {
						log.warn("SearchPerformed not published: {}", ex.toString());
					}
				});
			}
			catch (RuntimeException ex) {
				log.warn("SearchPerformed not published: {}", ex.toString());
			}
		});
	}

	@Override
	public void destroy() throws InterruptedException {
		executor.shutdown();
		executor.awaitTermination(5, TimeUnit.SECONDS);
		kafka.flush();
	}
}
