package com.starrymeet.celebrity;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * JSON request bodies are read strictly, so a typed request record sees exactly what the client sent. The fleet
 * defaults (common-lib) already refuse unknown fields, keep an absent {@code Optional} apart from a JSON
 * {@code null}, and refuse {@code "100"} or {@code 12.5} for a whole number; they still let Jackson turn a number or
 * a boolean into text ({@code "bio": 5} would become {@code "5"}) and an empty string into a null UUID or number.
 * This closes those two gaps: each is a 400 naming the field. Events are written by our own typed records, so these
 * rules change nothing for them.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

	@Bean
	JsonMapperBuilderCustomizer noCoercionToText() {
		return builder -> builder
			.withCoercionConfigDefaults(config -> config.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Textual,
					config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}
}
