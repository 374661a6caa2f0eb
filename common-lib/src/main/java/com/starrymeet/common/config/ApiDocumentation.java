package com.starrymeet.common.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.starrymeet.common.security.Caller;
import com.starrymeet.common.security.ServiceSecurityProperties;
import com.starrymeet.common.web.Pagination;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What every service's OpenAPI document says the same way, so each lints clean (Redocly's recommended rules,
 * checked by {@code ServiceConventionsContract}) and SDK generators see the real contract: the bearer-token
 * security scheme (public operations, from {@code starrymeet.security.public-paths}, say {@code security: []}),
 * the problem+json error responses every operation can give (400 when it takes input, 401/403 when it needs a
 * token, 404 when its path names a resource, 429 from the gateway's rate limits), {@code page}/{@code limit}
 * for list operations, no {@code /error}, and the {@link Caller} parameter hidden (it comes from the token).
 */
public final class ApiDocumentation {

	static final String BEARER = "bearerAuth";

	static final String PROBLEM = "Problem";

	static {
		SpringDocUtils.getConfig()
			.addRequestWrapperToIgnore(Caller.class, Pagination.PageQuery.class)
			.addJavaTypeToIgnore(Caller.class)
			.addJavaTypeToIgnore(Pagination.PageQuery.class);
	}

	private ApiDocumentation() {
	}

	/** Documents {@code page} and {@code limit} where a handler takes a {@link Pagination.PageQuery}. */
	static OperationCustomizer pagingParameters() {
		return (operation, handler) -> {
			for (var parameter : handler.getMethodParameters()) {
				if (parameter.getParameterType() == Pagination.PageQuery.class) {
					operation.addParametersItem(new Parameter().in("query")
						.name("page")
						.description("1-based page number")
						.schema(new IntegerSchema().minimum(java.math.BigDecimal.ONE)._default(1)));
					operation.addParametersItem(new Parameter().in("query")
						.name("limit")
						.description("items per page")
						.schema(new IntegerSchema().minimum(java.math.BigDecimal.ONE)
							.maximum(java.math.BigDecimal.valueOf(Pagination.MAX_LIMIT))
							._default(Pagination.DEFAULT_LIMIT)));
				}
				else if (parameter.getParameterType() == Caller.class || (parameter.getParameterType() == Optional.class
						&& parameter.nestedIfOptional().getNestedParameterType() == Caller.class)) {
					var name = parameter.getParameterName();
					if (operation.getParameters() != null && name != null) {
						operation.getParameters().removeIf(p -> name.equals(p.getName()));
					}
				}
			}
			if (operation.getSummary() == null || operation.getSummary().isBlank()) {
				operation.setSummary(humanize(handler));
			}
			return operation;
		};
	}

	/** The whole document: info, security, problem responses, tags, no {@code /error}. */
	static OpenApiCustomizer conventions(String applicationName, String publicUrl, ServiceSecurityProperties security) {
		var parser = new PathPatternParser();
		var publicRules = new ArrayList<Map.Entry<HttpMethod, org.springframework.web.util.pattern.PathPattern>>();
		for (var entry : security.publicPaths()) {
			var parts = entry.trim().split("\\s+", 2);
			publicRules.add(parts.length == 2 ? Map.entry(HttpMethod.valueOf(parts[0]), parser.parse(parts[1]))
					: new java.util.AbstractMap.SimpleEntry<>(null, parser.parse(parts[0])));
		}
		return openApi -> {
			var info = openApi.getInfo() == null ? new Info() : openApi.getInfo();
			info.title("StarryMeet " + applicationName)
				.version("v1")
				.description("The " + applicationName + " API of StarryMeet. Errors are application/problem+json "
						+ "(RFC 9457) with a stable `code`; successes are `{\"success\": true, \"data\": ...}`.")
				.license(new License().name("Proprietary").url("https://starrymeet.com/legal/api-terms"));
			openApi.info(info);
			// clients reach every service through the gateway, under the same /v1 paths
			openApi.setServers(List.of(new io.swagger.v3.oas.models.servers.Server().url(publicUrl)
				.description("StarryMeet API (through the gateway)")));
			openApi.getComponents()
				.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.bearerFormat("JWT")
					.description("RS256 access token issued by user-service (POST /v1/auth/login)"))
				.addSchemas(PROBLEM, problemSchema());
			openApi.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
			if (openApi.getPaths() != null) {
				openApi.getPaths().remove("/error");
				openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
					.forEach((method, operation) -> document(path, method, operation,
							isPublic(publicRules, path, method))));
			}
			if (!referencesProblem(openApi)) { // a service without operations (yet): no unused component
				openApi.getComponents().getSchemas().remove(PROBLEM);
			}
			var tags = new LinkedHashMap<String, Tag>();
			if (openApi.getTags() != null) {
				openApi.getTags().forEach(t -> tags.put(t.getName(), t));
			}
			if (openApi.getPaths() != null) {
				openApi.getPaths()
					.values()
					.forEach(item -> item.readOperations()
						.forEach(op -> Optional.ofNullable(op.getTags())
							.orElse(List.of())
							.forEach(t -> tags.computeIfAbsent(t, name -> new Tag().name(name)))));
			}
			tags.values().forEach(t -> {
				if (t.getDescription() == null) {
					t.setDescription("Operations of " + t.getName().replace('-', ' '));
				}
			});
			openApi.setTags(tags.isEmpty() ? null : new ArrayList<>(tags.values()));
		};
	}

	private static boolean referencesProblem(OpenAPI openApi) {
		return openApi.getPaths() != null && openApi.getPaths()
			.values()
			.stream()
			.flatMap(item -> item.readOperations().stream())
			.anyMatch(op -> op.getResponses() != null && !op.getResponses().isEmpty());
	}

	private static boolean isPublic(List<Map.Entry<HttpMethod, org.springframework.web.util.pattern.PathPattern>> rules,
			String path, PathItem.HttpMethod method) {
		// a path template such as /v1/celebrities/{id} is matched with a stand-in segment for each variable
		var concrete = PathContainer.parsePath(path.replaceAll("\\{[^}]+}", "x"));
		for (var rule : rules) {
			if ((rule.getKey() == null || rule.getKey().name().equals(method.name()))
					&& rule.getValue().matches(concrete)) {
				return true;
			}
		}
		return false;
	}

	private static void document(String path, PathItem.HttpMethod method, Operation operation, boolean isPublic) {
		if (isPublic) {
			operation.setSecurity(List.of());
		}
		var responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
		boolean takesInput = operation.getRequestBody() != null
				|| (operation.getParameters() != null && !operation.getParameters().isEmpty());
		if (takesInput) {
			responses.putIfAbsent("400", problem("Invalid input: `VALIDATION_FAILED` with `errors[]` naming each field "
					+ "or parameter, or `MALFORMED_JSON`"));
		}
		if (!isPublic) {
			responses.putIfAbsent("401", problem("No valid access token (`UNAUTHORIZED`)"));
			responses.putIfAbsent("403", problem("The token's role may not use this operation (`FORBIDDEN`)"));
		}
		if (path.contains("{")) {
			responses.putIfAbsent("404", problem("No such resource, or not one the caller may see (`NOT_FOUND`)"));
		}
		responses.putIfAbsent("429", problem("Too many requests: the gateway's rate limit (`TOO_MANY_REQUESTS`)"));
		operation.setResponses(responses);
	}

	private static ApiResponse problem(String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType("application/problem+json",
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static Schema<?> problemSchema() {
		var fieldError = new ObjectSchema().addProperty("field", new StringSchema())
			.addProperty("message", new StringSchema());
		Map<String, Schema> properties = new LinkedHashMap<>();
		properties.put("type", new StringSchema().format("uri"));
		properties.put("title", new StringSchema());
		properties.put("status", new IntegerSchema());
		properties.put("detail", new StringSchema());
		properties.put("instance", new StringSchema());
		properties.put("code", new StringSchema().description("stable error code, e.g. VALIDATION_FAILED"));
		properties.put("success", new Schema<Boolean>().type("boolean"));
		properties.put("traceId", new StringSchema());
		properties.put("errors", new io.swagger.v3.oas.models.media.ArraySchema().items(fieldError));
		var schema = new ObjectSchema().description("RFC 9457 problem details with StarryMeet's extensions");
		schema.setProperties(properties);
		schema.setRequired(List.of("type", "title", "status", "code", "success"));
		return schema;
	}

	private static String humanize(HandlerMethod handler) {
		var name = handler.getMethod().getName();
		var words = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
		return Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}
}
