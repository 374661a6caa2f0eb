package com.starrymeet.search.indexing;

/** The catalog could not be read (celebrity-service down, slow or answering errors, or its circuit open). */
public class CatalogUnavailableException extends RuntimeException {

	public CatalogUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}
}
