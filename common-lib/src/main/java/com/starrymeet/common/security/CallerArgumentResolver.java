package com.starrymeet.common.security;

import java.util.Optional;

import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves {@link Caller} (required: 401 when anonymous) and {@code Optional<Caller>} (empty when anonymous)
 * handler parameters from the security context.
 */
public class CallerArgumentResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == Caller.class || (parameter.getParameterType() == Optional.class
				&& parameter.nestedIfOptional().getNestedParameterType() == Caller.class);
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		if (parameter.getParameterType() == Optional.class) {
			if (authentication == null || authentication instanceof AnonymousAuthenticationToken
					|| !authentication.isAuthenticated()) {
				return Optional.empty();
			}
			return Optional.of(Caller.of(authentication));
		}
		return Caller.of(authentication);
	}
}
