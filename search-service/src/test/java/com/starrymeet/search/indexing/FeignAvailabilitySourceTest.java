package com.starrymeet.search.indexing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;

import com.starrymeet.common.events.contract.AvailabilityChanged;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.ConfigBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How booking-service's answers are read: the shapes of {@code /internal/availability/versions} and
 * {@code /snapshots} (as booking-service's {@code CalendarReconciliationTest} pins them, copied from a running one),
 * read leniently, and what is not such an answer is "unavailable". The client is hand-written (no HTTP); timeouts,
 * retries and the circuit breaker are Feign's and Resilience4j's.
 */
class FeignAvailabilitySourceTest {

	static final String A = "0079bf17-fdb9-4f36-a459-f48f71e10a74";

	static final String B = "0109da21-ce2d-4ef1-87c6-1f23540121f3";

	final JsonMapper json = JsonMapper.builder().build();

	final Client client = new Client();

	final FeignAvailabilitySource source = new FeignAvailabilitySource(client, new PassThroughBreakers(), json);

	@Test
	void versionsAndSnapshotsAreReadAsBookingServiceWritesThem() {
		client.versions = """
				{"success":true,"data":[{"celebrityId":"%s","version":5},{"celebrityId":"%s","version":11}]}"""
			.formatted(A, B);
		client.snapshots = """
				{"success":true,"data":[
				 {"version":5,"availability":{"celebrityId":"%s","locations":[{"city":"Mumbai","country":"India",
				  "timeZone":"Asia/Kolkata","availableDates":["2026-12-31","2027-01-03"]}]}},
				 {"version":11,"availability":{"celebrityId":"%s","locations":[]},"addedLater":true}]}"""
			.formatted(A, B);

		assertThat(source.versions()).containsExactly(
				new AvailabilitySource.Version(UUID.fromString(A), 5),
				new AvailabilitySource.Version(UUID.fromString(B), 11));
		var snapshots = source.snapshots(List.of(UUID.fromString(A), UUID.fromString(B)));
		assertThat(client.asked).containsExactly(A + "," + B);
		assertThat(snapshots).containsExactly(
				new AvailabilitySource.Snapshot(new AvailabilityChanged(UUID.fromString(A),
						List.of(new AvailabilityChanged.Location("Mumbai", "India", "Asia/Kolkata",
								List.of(LocalDate.of(2026, 12, 31), LocalDate.of(2027, 1, 3))))), 5),
				new AvailabilitySource.Snapshot(new AvailabilityChanged(UUID.fromString(B), List.of()), 11));
		assertThat(source.snapshots(List.of())).as("nothing asked, no call").isEmpty();
		assertThat(client.asked).hasSize(1);
	}

	@Test
	void whatIsNotSuchAnAnswerMakesTheCalendarsUnavailable() {
		for (var body : List.of("{\"success\":false}", "{\"success\":true,\"data\":{}}",
				"{\"success\":true,\"data\":[{\"celebrityId\":\"not-a-uuid\",\"version\":1}]}",
				"{\"success\":true,\"data\":[{\"id\":\"" + A + "\",\"version\":1}]}")) {
			client.versions = body;
			assertThatThrownBy(source::versions).as(body).isInstanceOf(AvailabilityUnavailableException.class);
		}
		for (var body : List.of("{\"success\":true,\"data\":[{\"version\":1}]}",
				"{\"success\":true,\"data\":[{\"version\":1,\"availability\":{\"locations\":[]}}]}",
				"{\"success\":true,\"data\":[{\"version\":1,\"availability\":{\"celebrityId\":\"" + A
						+ "\",\"locations\":\"Oslo\"}}]}")) {
			client.snapshots = body;
			assertThatThrownBy(() -> source.snapshots(List.of(UUID.fromString(A)))).as(body)
				.isInstanceOf(AvailabilityUnavailableException.class);
		}
		client.down = true;
		assertThatThrownBy(source::versions).isInstanceOf(AvailabilityUnavailableException.class)
			.hasMessageContaining("versions cannot be read");
		assertThatThrownBy(() -> source.snapshots(IntStream.range(0, 101).mapToObj(i -> UUID.randomUUID()).toList()))
			.isInstanceOf(IllegalArgumentException.class);
	}

	/** booking-service's answers as text, or a failing call. */
	final class Client implements BookingAvailabilityClient {

		String versions = "{\"success\":true,\"data\":[]}";

		String snapshots = "{\"success\":true,\"data\":[]}";

		final List<String> asked = new ArrayList<>();

		boolean down;

		@Override
		public JsonNode versions() {
			return answer(versions);
		}

		@Override
		public JsonNode snapshots(String ids) {
			asked.add(ids);
			return answer(snapshots);
		}

		private JsonNode answer(String body) {
			if (down) {
				throw new IllegalStateException("Connection refused");
			}
			return json.readTree(body);
		}
	}

	/** Runs every call, failures to the fallback (what an always-closed circuit does). */
	static final class PassThroughBreakers extends CircuitBreakerFactory<Object, ConfigBuilder<Object>> {

		@Override
		public CircuitBreaker create(String id) {
			return new CircuitBreaker() {
				@Override
				public <T> T run(java.util.function.Supplier<T> call, Function<Throwable, T> fallback) {
					try {
						return call.get();
					}
					catch (RuntimeException ex) {
						return fallback.apply(ex);
					}
				}
			};
		}

		@Override
		protected ConfigBuilder<Object> configBuilder(String id) {
			return Object::new;
		}

		@Override
		public void configureDefault(Function<String, Object> defaultConfiguration) {
		}
	}
}
