/** The Lucene index of public celebrities: documents built from catalog events, NRT searcher, analyzers. */
@NullMarked
package com.starrymeet.search.index;

import org.jspecify.annotations.NullMarked;
