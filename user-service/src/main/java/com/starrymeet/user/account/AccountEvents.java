package com.starrymeet.user.account;

import java.util.UUID;

import com.starrymeet.common.events.EventEnvelope;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Publishes an account's events on {@code starrymeet.user.v1} through the outbox: call it inside the use case's
 * transaction, so the event and the change commit together.
 */
@Component
public class AccountEvents {

	public static final String AGGREGATE = "user";

	private final ApplicationEventPublisher events;

	private final Users users;

	AccountEvents(ApplicationEventPublisher events, Users users) {
		this.events = events;
		this.users = users;
	}

	/** An event of a change that made the account's version {@code version}. */
	public void publish(UUID userId, long version, Object payload) {
		events.publishEvent(EventEnvelope.of(AGGREGATE, userId, version, payload));
	}

	/**
	 * An event that reports on the account without changing it, at its current version, so consumers ordering by
	 * aggregate version do not drop it as stale.
	 */
	void publishAtCurrentVersion(UUID userId, Object payload) {
		publish(userId, users.version(userId), payload);
	}
}
