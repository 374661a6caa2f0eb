package com.starrymeet.common.catalog;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler that reads the catalog filters from its query string ({@link CatalogFilter#fromParameters}):
 * {@link CatalogFilterDocumentation} documents them in the OpenAPI document.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CatalogFilterParameters {

	/** Whether the handler takes {@code q} (full-text search). */
	boolean text() default false;
}
