package com.starrymeet.user.account.web;

import com.starrymeet.common.security.Caller;
import com.starrymeet.user.account.AccountProfile;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Defence in depth behind the gateway: on every endpoint of this service, a bearer token whose subject is a
 * suspended account is refused (403 ACCOUNT_SUSPENDED) and one of an erased account too (401), even while the
 * token itself is still valid. The refusal is a problem+json like every other error.
 */
@Configuration(proxyBeanMethods = false)
class ActiveAccountInterceptor implements WebMvcConfigurer {

	private final AccountProfile accounts;

	ActiveAccountInterceptor(AccountProfile accounts) {
		this.accounts = accounts;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new HandlerInterceptor() {
			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				var authentication = SecurityContextHolder.getContext().getAuthentication();
				if (authentication == null || authentication instanceof AnonymousAuthenticationToken
						|| !authentication.isAuthenticated()) {
					return true;
				}
				Caller caller;
				try {
					caller = Caller.of(authentication);
				}
				catch (AuthenticationException ex) {
					return true; // not an account id: endpoints that need a caller answer 401
				}
				accounts.requireActive(caller.userId());
				return true;
			}
		});
	}
}
