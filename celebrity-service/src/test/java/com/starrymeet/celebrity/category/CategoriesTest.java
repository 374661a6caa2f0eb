package com.starrymeet.celebrity.category;

import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestHttp;
import com.starrymeet.common.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceTest
class CategoriesTest {

	static final JsonMapper json = new JsonMapper();

	@LocalServerPort
	int port;

	@Test
	void listsTheVisionsCategoriesPubliclyInTheEnvelope() {
		var response = TestHttp.at(port).get("/v1/categories");

		assertThat(response.statusCode()).isEqualTo(200);
		var body = json.readTree(response.body());
		assertThat(body.get("success").asBoolean()).isTrue();
		var data = body.get("data");
		assertThat(data.valueStream().map(c -> c.get("name").asString())).startsWith("Actors & Actresses", "Musicians",
				"Athletes", "Comedians", "Influencers", "TV Personalities", "Authors", "Chefs");
		data.valueStream().forEach(category -> {
			assertThat(category.get("id").asString()).hasSize(36);
			assertThat(category.get("slug").asString()).matches("[a-z0-9]+(-[a-z0-9]+)*");
			assertThat(category.get("description").asString()).isNotBlank();
			assertThat(category.get("iconUrl").asString()).startsWith("https://");
		});
	}

	@Test
	void writingCategoriesNeedsAToken() {
		var response = TestHttp.at(port).post("/v1/categories", "{\"name\":\"Hackers\"}", "application/json");
		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void categoriesAreReadOnlyOverThePublicApi() {
		var response = TestHttp.at(port).post("/v1/categories", "{\"name\":\"Hackers\"}", "application/json",
				"Authorization", TestHttp.bearer(TestTokens.token("USER")));
		assertThat(response.statusCode()).isEqualTo(405);
	}
}
