package com.starrymeet.common.catalog;

import java.math.BigDecimal;
import java.util.List;

import com.starrymeet.common.web.Pagination;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.DateSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/**
 * Documents the catalog filter query parameters on every handler marked {@link CatalogFilterParameters}, with the
 * contract's names, types and limits. Register it as a bean in a service that has such handlers.
 */
public class CatalogFilterDocumentation implements OperationCustomizer {

	@Override
	public Operation customize(Operation operation, HandlerMethod handler) {
		var marker = handler.getMethodAnnotation(CatalogFilterParameters.class);
		if (marker == null) {
			return operation;
		}
		parameters(marker.text()).forEach(operation::addParametersItem);
		return operation;
	}

	/** The query parameters of the contract. */
	public static List<Parameter> parameters(boolean text) {
		var dollars = new NumberSchema().minimum(BigDecimal.ZERO).maximum(CatalogFilter.MAX_DOLLARS);
		var parameters = new java.util.ArrayList<Parameter>();
		if (text) {
			parameters.add(query(CatalogFilter.Q, "free text (typo-tolerant, accent-insensitive)",
					new StringSchema().maxLength(CatalogFilter.MAX_QUERY_LENGTH)));
		}
		parameters.add(query(CatalogFilter.CATEGORY, "category slug or id",
				new StringSchema().maxLength(CatalogFilter.MAX_VALUE_LENGTH)));
		parameters.add(query(CatalogFilter.CITY, "where the celebrity can be met; case and accents ignored (Zurich finds Zürich)",
				new StringSchema().maxLength(CatalogFilter.MAX_VALUE_LENGTH)));
		parameters.add(query(CatalogFilter.COUNTRY, "country of a place where the celebrity can be met; case and accents ignored",
				new StringSchema().maxLength(CatalogFilter.MAX_VALUE_LENGTH)));
		parameters.add(query(CatalogFilter.MIN_PRICE, "lowest price in DOLLARS (decimals allowed; rounded up to the cent), "
				+ "compared with the lowest active meeting-type price", dollars));
		parameters.add(query(CatalogFilter.MAX_PRICE, "highest price in DOLLARS (rounded down to the cent)", dollars));
		parameters.add(query(CatalogFilter.DATE, "has this date available (YYYY-MM-DD); alias availableDate",
				new DateSchema()));
		var alias = query(CatalogFilter.AVAILABLE_DATE, "older name of date", new DateSchema());
		alias.setDeprecated(true);
		parameters.add(alias);
		parameters.add(query(CatalogFilter.MIN_RATING, "lowest average rating, 0 to 5",
				new NumberSchema().minimum(BigDecimal.ZERO).maximum(BigDecimal.valueOf(5))));
		parameters.add(query(CatalogFilter.VERIFIED, "verified celebrities only (true) or none (false)", new BooleanSchema()));
		Schema<String> sort = new StringSchema();
		for (var value : CatalogSort.values()) {
			sort.addEnumItemObject(value.apiName());
		}
		sort.addEnumItemObject("price_asc");
		parameters.add(query(CatalogFilter.SORT, "order; default relevance with q, else popularity", sort));
		parameters.add(query(CatalogFilter.PAGE, "1-based page number",
				new IntegerSchema().minimum(BigDecimal.ONE)._default(1)));
		parameters.add(query(CatalogFilter.LIMIT, "items per page", new IntegerSchema().minimum(BigDecimal.ONE)
			.maximum(BigDecimal.valueOf(Pagination.MAX_LIMIT))
			._default(Pagination.DEFAULT_LIMIT)));
		return parameters;
	}

	private static Parameter query(String name, String description, Schema<?> schema) {
		return new Parameter().in("query").name(name).description(description).required(false).schema(schema);
	}
}
