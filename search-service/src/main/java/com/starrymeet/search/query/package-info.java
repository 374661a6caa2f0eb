/** Search over the index: fuzzy free text, filters, sorts, facets, suggestions; publishes SearchPerformed. */
@NullMarked
package com.starrymeet.search.query;

import org.jspecify.annotations.NullMarked;
