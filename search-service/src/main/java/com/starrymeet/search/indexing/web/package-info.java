/** Admin endpoints of the index: reconcile on demand, index status. */
@NullMarked
package com.starrymeet.search.indexing.web;

import org.jspecify.annotations.NullMarked;
