package com.starrymeet.common.web;

/**
 * Page metadata of a list response. Pages are 1-based; {@code limit} is capped at {@link #MAX_LIMIT}.
 */
public record Pagination(int page, int limit, long total, int totalPages) {

	public static final int DEFAULT_LIMIT = 20;

	public static final int MAX_LIMIT = 100;

	public static Pagination of(PageQuery query, long total) {
		int totalPages = (int) ((total + query.limit() - 1) / query.limit());
		return new Pagination(query.page(), query.limit(), total, totalPages);
	}

	/**
	 * A requested page, normalised: page at least 1, limit between 1 and {@link #MAX_LIMIT}.
	 */
	public record PageQuery(int page, int limit) {

		public PageQuery {
			page = Math.max(1, page);
			limit = limit < 1 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
		}

		public static PageQuery of(Integer page, Integer limit) {
			return new PageQuery(page == null ? 1 : page, limit == null ? DEFAULT_LIMIT : limit);
		}

		public long offset() {
			return (long) (page - 1) * limit;
		}
	}
}
