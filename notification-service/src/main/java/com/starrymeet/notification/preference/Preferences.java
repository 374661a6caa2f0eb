package com.starrymeet.notification.preference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.starrymeet.notification.Channel;
import com.starrymeet.notification.NotificationType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which types each user receives on which channel. No row means on; a transactional type is always on, whatever
 * is stored.
 */
@Component
public class Preferences {

	private final JdbcClient jdbc;

	Preferences(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One type's settings for a user: whether it can be switched off, and each channel's state. */
	public record TypePreference(String type, boolean transactional, Map<String, Boolean> channels) {
	}

	/** The channels a user chooses between today. */
	public static final List<Channel> CHANNELS = List.of(Channel.EMAIL, Channel.SMS, Channel.IN_APP);

	/** Every type with every channel's state for the user (stored choice, else on). */
	public List<TypePreference> all(UUID userId) {
		var stored = new HashMap<String, Boolean>();
		jdbc.sql("SELECT type, channel, enabled FROM notification_preference WHERE user_id = :u")
			.param("u", userId)
			.query((rs, n) -> stored.put(rs.getString("type") + "/" + rs.getString("channel"), rs.getBoolean("enabled")))
			.list();
		var result = new ArrayList<TypePreference>();
		for (var type : NotificationType.values()) {
			var channels = new LinkedHashMap<String, Boolean>();
			for (var channel : CHANNELS) {
				channels.put(channel.name(),
						type.transactional() || stored.getOrDefault(type.name() + "/" + channel.name(), true));
			}
			result.add(new TypePreference(type.name(), type.transactional(), channels));
		}
		return result;
	}

	public boolean enabled(UUID userId, NotificationType type, Channel channel) {
		if (type.transactional()) {
			return true;
		}
		return jdbc.sql("""
				SELECT enabled FROM notification_preference WHERE user_id = :u AND type = :t AND channel = :c""")
			.param("u", userId)
			.param("t", type.name())
			.param("c", channel.name())
			.query(Boolean.class)
			.optional()
			.orElse(true);
	}

	/** Switches a non-transactional type on or off for one channel. */
	public void set(UUID userId, NotificationType type, Channel channel, boolean enabled) {
		if (type.transactional()) {
			throw new IllegalArgumentException(type + " is transactional");
		}
		jdbc.sql("""
				INSERT INTO notification_preference (user_id, type, channel, enabled) VALUES (:u, :t, :c, :e)
				ON CONFLICT (user_id, type, channel) DO UPDATE SET enabled = excluded.enabled, updated_at = now()""")
			.param("u", userId)
			.param("t", type.name())
			.param("c", channel.name())
			.param("e", enabled)
			.update();
	}

	/** Forgets the user's choices (UserDeleted). */
	public void erase(UUID userId) {
		jdbc.sql("DELETE FROM notification_preference WHERE user_id = :u").param("u", userId).update();
	}
}
