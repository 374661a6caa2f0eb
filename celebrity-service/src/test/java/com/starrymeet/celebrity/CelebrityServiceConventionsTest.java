package com.starrymeet.celebrity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.starrymeet.common.testing.ServiceConventionsContract;
import com.starrymeet.common.testing.ServiceTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet-wide service conventions (probes, metrics, OpenAPI linted clean, own database with the outbox,
 * problem+json, token validation), checked on this service; and this service's own write bodies in its document.
 */
@ServiceTest
class CelebrityServiceConventionsTest extends ServiceConventionsContract {

	/** Every write operation that takes a body, the schema it names and some of that schema's fields. */
	static final Map<String, Map.Entry<String, List<String>>> WRITE_BODIES = new TreeMap<>(Map.ofEntries(
			body("POST /v1/admin/celebrities", "NewCelebrityRequest", "username", "displayName", "categoryId", "userId"),
			body("PATCH /v1/admin/celebrities/{id}", "ProfileUpdateRequest", "displayName", "bio", "coverPhotoUrl"),
			body("POST /v1/admin/celebrities/{id}/meeting-types", "NewMeetingTypeRequest", "name", "priceCents"),
			body("PATCH /v1/admin/celebrities/{id}/meeting-types/{meetingTypeId}", "MeetingTypeUpdateRequest", "name",
					"priceCents", "active"),
			body("PATCH /v1/celebrities/me", "ProfileUpdateRequest", "displayName"),
			body("PATCH /v1/celebrities/{idOrUsername}", "ProfileUpdateRequest", "displayName"),
			body("POST /v1/celebrities/me/meeting-types", "NewMeetingTypeRequest", "durationMinutes"),
			body("PATCH /v1/celebrities/me/meeting-types/{meetingTypeId}", "MeetingTypeUpdateRequest", "description"),
			body("POST /v1/celebrities/applications", "NewApplicationRequest", "displayName", "username", "categoryId",
					"category", "links"),
			body("POST /v1/admin/celebrity-applications/{id}/reject", "RejectionRequest", "reason")));

	private static Map.Entry<String, Map.Entry<String, List<String>>> body(String operation, String schema,
			String... fields) {
		return Map.entry(operation, Map.entry(schema, List.of(fields)));
	}

	@Test
	void everyWriteBodyIsANamedSchemaWithItsFields() {
		var document = json.readTree(http.get("/v3/api-docs").body());
		var found = new TreeMap<String, String>();
		document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
			var schema = operation.getValue().at("/requestBody/content/application~1json/schema");
			if (!schema.isMissingNode()) {
				found.put(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), schema.path("$ref").asString(""));
			}
		}));
		assertThat(found.keySet()).as("the operations that take a JSON body").isEqualTo(WRITE_BODIES.keySet());
		WRITE_BODIES.forEach((operation, expected) -> {
			assertThat(found.get(operation)).as(operation).isEqualTo("#/components/schemas/" + expected.getKey());
			var schema = document.path("components").path("schemas").path(expected.getKey());
			var properties = schema.path("properties");
			assertThat(properties.propertyNames()).as(operation).containsAll(expected.getValue()).doesNotContain("nodeType",
					"empty");
		});
		// server-owned fields are not in any write schema
		for (var schema : List.of("NewCelebrityRequest", "ProfileUpdateRequest", "NewApplicationRequest")) {
			assertThat(document.path("components").path("schemas").path(schema).path("properties").propertyNames())
				.as(schema)
				.doesNotContain("verified", "featured", "averageRating", "status", "active", "version");
		}
	}

	@Test
	void theInternalSnapshotIsDocumentedAsPublishedWithItsVersion() {
		var schemas = json.readTree(http.get("/v3/api-docs").body()).path("components").path("schemas");
		var snapshot = schemas.path("VersionedCelebrityUpserted").path("properties");
		assertThat(snapshot.propertyNames()).contains("celebrityId", "username", "verified", "active", "meetingTypes",
				"userId", "version");
		var category = snapshot.path("category").path("$ref").asString("");
		assertThat(schemas.path(category.substring(category.lastIndexOf('/') + 1)).path("properties").propertyNames())
			.as("the snapshot's category, not the categories list item of the same Java name")
			.containsExactlyInAnyOrder("id", "name", "slug");
	}

	@Test
	void everyOperationHasItsOwnSummaryAndIdAndTheQueueOneDocumentedPath() {
		var document = json.readTree(http.get("/v3/api-docs").body());
		var summaries = new LinkedHashMap<String, String>();
		document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
			var summary = operation.getValue().path("summary").asString("");
			assertThat(summary).as(operation.getKey() + " " + path.getKey()).isNotBlank();
			assertThat(operation.getValue().path("operationId").asString("")).as("a written operation id, no _1 suffix")
				.matches("[a-z][A-Za-z]+");
			summaries.put(operation.getKey() + " " + path.getKey(), summary);
		}));
		assertThat(summaries.values()).as("written summaries, not the same fallback twice").doesNotHaveDuplicates();
		assertThat(document.path("paths").propertyNames()).anyMatch(p -> p.startsWith("/v1/admin/celebrity-applications"))
			.noneMatch(p -> p.startsWith("/v1/admin/celebrities/applications"));
	}
}
