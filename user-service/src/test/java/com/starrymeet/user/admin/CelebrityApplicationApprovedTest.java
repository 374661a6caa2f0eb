package com.starrymeet.user.admin;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;
import java.util.UUID;

import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.contract.CelebrityApplicationApproved;
import com.starrymeet.common.testing.EmbeddedInfrastructure;
import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.user.UserApi;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static com.starrymeet.user.UserApi.json;
import static com.starrymeet.user.UserApi.newEmail;
import static com.starrymeet.user.UserApi.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CelebrityApplicationApproved from celebrity-service, as a real event on Kafka: the applicant becomes CELEBRITY
 * once however often the event comes, the change is audited and published, live tokens are cut off and the next
 * refreshed token carries the new role; an ADMIN is never downgraded.
 */
@ServiceTest
class CelebrityApplicationApprovedTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	Environment environment;

	UserApi api;

	@BeforeEach
	void connect() {
		api = new UserApi(port, environment.getRequiredProperty("spring.kafka.bootstrap-servers"));
	}

	@Test
	void anApprovedApplicantBecomesCelebrityOnceAndTheNextTokenSaysSo() {
		var registered = api.register(newEmail());
		var userId = UUID.fromString(registered.at("/user/id").asString());
		var refreshToken = registered.get("refreshToken").asString();
		assertThat(role(registered.get("accessToken").asString())).isEqualTo("USER");
		var applicationId = UUID.randomUUID();
		var celebrityId = UUID.randomUUID();
		var event = approved(applicationId, userId, celebrityId);

		publish(event);
		publish(event); // at least once: a duplicate changes nothing
		awaitProcessed(event.eventId());

		assertThat(roleInDatabase(userId)).isEqualTo("CELEBRITY");
		var audit = jdbc.sql("""
				SELECT actor_id, details::text FROM admin_audit_log WHERE target_id = :id AND action = 'CHANGE_ROLE'""")
			.param("id", userId)
			.query((rs, n) -> new Object[] { rs.getObject(1, UUID.class), json.readTree(rs.getString(2)) })
			.list();
		assertThat(audit).hasSize(1);
		assertThat(audit.getFirst()[0]).isEqualTo(AuditLog.SYSTEM);
		var details = (JsonNode) audit.getFirst()[1];
		assertThat(details.get("from").asString()).isEqualTo("USER");
		assertThat(details.get("to").asString()).isEqualTo("CELEBRITY");
		assertThat(details.get("applicationId").asString()).isEqualTo(applicationId.toString());
		assertThat(details.get("celebrityId").asString()).isEqualTo(celebrityId.toString());

		var changed = api.latest(userId.toString(), "UserRoleChanged", 1);
		assertThat(changed.get("role").asString()).isEqualTo("CELEBRITY");
		assertThat(redis.hasKey("auth:not-before:" + userId)).as("live tokens cut off").isTrue();

		var refreshed = ok(api.refresh(refreshToken));
		assertThat(role(refreshed.get("accessToken").asString())).isEqualTo("CELEBRITY");
	}

	@Test
	void anAdminOrAnUnknownAccountIsLeftAsItIs() {
		var adminId = UUID.fromString(api.register(newEmail()).at("/user/id").asString());
		jdbc.sql("UPDATE app_user SET role = 'ADMIN' WHERE id = :id").param("id", adminId).update();
		var forAdmin = approved(UUID.randomUUID(), adminId, UUID.randomUUID());
		var forNobody = approved(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

		publish(forAdmin);
		publish(forNobody);
		awaitProcessed(forAdmin.eventId());
		awaitProcessed(forNobody.eventId());

		assertThat(roleInDatabase(adminId)).as("never a downgrade").isEqualTo("ADMIN");
		assertThat(jdbc.sql("SELECT count(*) FROM admin_audit_log WHERE target_id = :id").param("id", adminId)
			.query(Long.class).single()).isZero();
	}

	static EventEnvelope<CelebrityApplicationApproved> approved(UUID applicationId, UUID userId, UUID celebrityId) {
		return EventEnvelope.of(CelebrityApplicationApproved.AGGREGATE, applicationId, 2,
				new CelebrityApplicationApproved(applicationId, userId, celebrityId));
	}

	String roleInDatabase(UUID userId) {
		return jdbc.sql("SELECT role FROM app_user WHERE id = :id").param("id", userId).query(String.class).single();
	}

	void awaitProcessed(UUID eventId) {
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> jdbc.sql("""
					SELECT count(*) FROM processed_event WHERE consumer = 'user-celebrity-applications' AND event_id = :id""")
				.param("id", eventId)
				.query(Long.class)
				.single() > 0);
	}

	static String role(String accessToken) {
		var payload = accessToken.split("\\.")[1];
		return json.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)).get("role")
			.asString();
	}

	static void publish(EventEnvelope<?> event) {
		var props = new Properties();
		props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfrastructure.kafkaBootstrapServers());
		props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		try (var producer = new KafkaProducer<String, String>(props)) {
			producer.send(new ProducerRecord<>(event.topic(), event.aggregateId(), json.writeValueAsString(event)));
		}
	}
}
