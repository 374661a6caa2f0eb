package com.starrymeet.celebrity.profile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

import com.starrymeet.common.catalog.CatalogFilterCases;
import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestHttp;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet's catalog filter contract (common-lib's {@link CatalogFilterCases}, the table search-service runs too)
 * against {@code GET /v1/celebrities}, a list without text search: every valid case answers 200 with the expected
 * applied filters and sort, every invalid one (including any {@code q}) a 400 naming exactly its parameters; and
 * places match whatever their case and accents.
 */
@ServiceTest
class CatalogFilterContractTest {

	static final JsonMapper json = new JsonMapper();

	static final LocalDate UPCOMING = LocalDate.now().plusDays(30);

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CatalogCache cache;

	@TestFactory
	List<DynamicTest> everyCaseOfTheSharedTable() {
		return CatalogFilterCases.cases(false).stream().map(c -> DynamicTest.dynamicTest("GET ?" + c.query(), () -> {
			var response = TestHttp.at(port).get("/v1/celebrities?" + c.queryString());
			c.check(response.statusCode(), response.body());
		})).toList();
	}

	@Test
	void placesMatchWhateverTheirCaseAndAccents() {
		var f = new Fixtures(jdbc);
		var slug = Fixtures.unique("fold-");
		var category = f.category(slug);
		var atPlace = new LinkedHashMap<String, UUID>();
		for (var c : CatalogFilterCases.foldCases()) {
			atPlace.computeIfAbsent(c.stored(), place -> {
				var id = f.celebrity(Fixtures.unique("fold_"), "At " + place, category, true, true, "4.00", 0, 0,
						Instant.now(), null);
				f.availability(id, place, "Somewhere", List.of(UPCOMING));
				return id;
			});
		}
		cache.invalidateNow(); // rows written behind the service's back
		for (var c : CatalogFilterCases.foldCases()) {
			var found = ids("category=" + slug + "&city=" + java.net.URLEncoder.encode(c.query(), java.nio.charset.StandardCharsets.UTF_8));
			assertThat(found.contains(atPlace.get(c.stored()))).as("city=%s finds %s", c.query(), c.stored())
				.isEqualTo(c.matches());
		}
		assertThat(ids("category=" + slug + "&country=SOMEWHERE&city=zurich")).containsExactlyInAnyOrder(
				atPlace.get("Zürich"), atPlace.get("Zurich"));
		assertThat(ids("category=" + slug + "&city=zurich&date=" + UPCOMING)).hasSize(2);
		assertThat(ids("category=" + slug + "&city=zurich&date=" + UPCOMING.plusDays(1))).isEmpty();
	}

	@Test
	void textSearchIsSearchServicesNotTheLists() {
		var response = TestHttp.at(port).get("/v1/celebrities?q=zoe&city=Zurich");
		assertThat(response.statusCode()).isEqualTo(400);
		var body = json.readTree(response.body());
		assertThat(body.get("code").asString()).isEqualTo("VALIDATION_FAILED");
		assertThat(body.at("/errors/0/field").asString()).isEqualTo("q");
		assertThat(body.at("/errors/0/message").asString()).contains("/v1/search/celebrities");
	}

	private List<UUID> ids(String query) {
		var response = TestHttp.at(port).get("/v1/celebrities?" + query);
		assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(200);
		return json.readTree(response.body())
			.at("/data/celebrities")
			.valueStream()
			.map(n -> UUID.fromString(n.get("id").asString()))
			.toList();
	}
}
