/**
 * The public catalog filter contract, one definition for every service that lists or searches the catalog
 * (celebrity-service's {@code GET /v1/celebrities}, search-service's {@code GET /v1/search/celebrities} and
 * {@code POST /v1/search/filters}): parameter names, types, limits, sorts, field errors and how places match.
 */
@NullMarked
package com.starrymeet.common.catalog;

import org.jspecify.annotations.NullMarked;
