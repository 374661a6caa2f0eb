package com.starrymeet.common.web;

import java.util.ArrayList;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * The one paging rule of every list endpoint: a {@link Pagination.PageQuery} handler parameter is read from the
 * {@code page} (default 1, at least 1) and {@code limit} (default 20, 1 to {@value Pagination#MAX_LIMIT}) query
 * parameters; anything else is 400 {@code VALIDATION_FAILED} naming the parameter, never silently clamped.
 */
public class PageQueryArgumentResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == Pagination.PageQuery.class;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		return read(webRequest.getParameter("page"), webRequest.getParameter("limit"));
	}

	/** Reads and checks {@code page} and {@code limit} as given in a query string (null when absent). */
	public static Pagination.PageQuery read(@Nullable String page, @Nullable String limit) {
		var errors = new ArrayList<Problems.FieldError>();
		int p = number(page, 1, "page", 1, Integer.MAX_VALUE, errors);
		int l = number(limit, Pagination.DEFAULT_LIMIT, "limit", 1, Pagination.MAX_LIMIT, errors);
		if (!errors.isEmpty()) {
			throw new ValidationFailed(errors);
		}
		return new Pagination.PageQuery(p, l);
	}

	private static int number(@Nullable String value, int absent, String name, int min, int max,
			java.util.List<Problems.FieldError> errors) {
		if (value == null || value.isBlank()) {
			return absent;
		}
		int n;
		try {
			n = Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			errors.add(new Problems.FieldError(name, "must be a whole number"));
			return absent;
		}
		if (n < min || n > max) {
			errors.add(new Problems.FieldError(name,
					max == Integer.MAX_VALUE ? "must be at least " + min : "must be between " + min + " and " + max));
			return absent;
		}
		return n;
	}
}
