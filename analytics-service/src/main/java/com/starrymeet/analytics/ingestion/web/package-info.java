@NullMarked
package com.starrymeet.analytics.ingestion.web;

import org.jspecify.annotations.NullMarked;
