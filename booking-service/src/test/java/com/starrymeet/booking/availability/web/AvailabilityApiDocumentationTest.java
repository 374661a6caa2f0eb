package com.starrymeet.booking.availability.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every availability write endpoint documents its request body in {@code /v3/api-docs} as a named schema with
 * its fields (never an opaque JSON tree, whose schema shows {@code nodeType}), without server-owned fields; every
 * operation has a written summary; the internal reconciliation endpoints stay out of the public document.
 */
@ServiceTest
class AvailabilityApiDocumentationTest {

	static final JsonMapper json = new JsonMapper();

	static final String BASE = "/v1/celebrities/{celebrityId}/availability";

	/** Each write operation and the fields its body accepts. */
	static final Map<String, List<String>> WRITES = Map.of(
			"post " + BASE + "/locations", List.of("city", "country", "timeZone"),
			"patch " + BASE + "/locations/{locationId}", List.of("city", "country", "timeZone"),
			"post " + BASE + "/windows", List.of("locationId", "date", "startTime", "endTime", "capacity"),
			"patch " + BASE + "/windows/{windowId}", List.of("capacity", "startTime", "endTime"),
			"post " + BASE + "/blocked-dates", List.of("date", "reason"));

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void everyWriteEndpointHasANamedRequestSchemaWithItsFields() throws Exception {
		var response = TestHttp.at(port).get("/v3/api-docs");
		assertThat(response.statusCode()).isEqualTo(200);
		var file = Path.of("target", "openapi", "booking-service.json");
		Files.createDirectories(file.getParent());
		Files.writeString(file, response.body());
		var document = json.readTree(response.body());

		WRITES.forEach((operation, fields) -> {
			var method = operation.substring(0, operation.indexOf(' '));
			var path = operation.substring(operation.indexOf(' ') + 1);
			var body = document.path("paths").path(path).path(method).path("requestBody");
			assertThat(body.path("required").asBoolean()).as(operation + " requires its body").isTrue();
			var ref = body.at("/content/application~1json/schema/$ref").asString("");
			assertThat(ref).as(operation + " names its request schema").startsWith("#/components/schemas/");
			var schema = document.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
			var properties = schema.path("properties");
			assertThat(properties.propertyNames()).as(operation + " documents exactly its fields")
				.containsExactlyInAnyOrderElementsOf(fields);
			assertThat(properties.has("nodeType")).as(operation + " is not a JSON tree").isFalse();
			assertThat(properties.propertyNames()).as(operation + " has no server-owned field")
				.doesNotContain("id", "celebrityId", "booked", "remaining", "blocked", "createdAt");
		});
	}

	/** Written, not humanized from the method name (common-lib's fallback). */
	@Test
	void everyOperationHasAWrittenSummary() {
		var handlers = mappings.getHandlerMethods().values().stream()
			.filter(h -> h.getBeanType().getPackageName().startsWith("com.starrymeet.booking"))
			.toList();
		assertThat(handlers).hasSizeGreaterThanOrEqualTo(14);
		handlers.forEach(handler -> {
			var operation = handler.getMethodAnnotation(Operation.class);
			assertThat(operation).as(handler.toString()).isNotNull();
			assertThat(operation.summary()).as(handler.toString()).isNotBlank();
		});
	}

	@Test
	void internalEndpointsStayOutOfThePublicDocumentAndListsArePaged() {
		var document = json.readTree(TestHttp.at(port).get("/v3/api-docs").body());
		assertThat(document.path("paths").propertyNames()).isNotEmpty()
			.noneMatch(path -> path.startsWith("/internal"));
		var windows = document.at("/paths/" + BASE.replace("/", "~1") + "~1windows/get");
		assertThat(windows.path("parameters").valueStream().map(p -> p.path("name").asString()).toList())
			.contains("page", "limit", "from", "to");
		assertThat(windows.path("summary").asString()).isEqualTo("List a celebrity's windows");
		var block = document.at("/paths/" + BASE.replace("/", "~1") + "~1blocked-dates/post/responses");
		assertThat(block.propertyNames()).contains("200", "201", "409");
		assertThat(block.at("/409/content/application~1problem+json/schema/$ref").asString())
			.isEqualTo("#/components/schemas/Problem");
		assertThat(block.at("/409/description").asString()).contains("DATE_HAS_BOOKINGS");
	}
}
