package com.starrymeet.search.query.web;

import com.starrymeet.common.catalog.CatalogFilterDocumentation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Documents the catalog filter parameters of the search endpoints in the OpenAPI document. */
@Configuration(proxyBeanMethods = false)
class SearchWebConfiguration {

	@Bean
	CatalogFilterDocumentation catalogFilterDocumentation() {
		return new CatalogFilterDocumentation();
	}
}
