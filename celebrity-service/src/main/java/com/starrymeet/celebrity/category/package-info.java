/**
 * Categories of talent (Actors & Actresses, Musicians, ...): reference data of the catalog.
 */
@NullMarked
package com.starrymeet.celebrity.category;

import org.jspecify.annotations.NullMarked;
