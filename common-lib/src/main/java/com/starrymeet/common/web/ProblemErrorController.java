package com.starrymeet.common.web;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page for failures that never reached a controller (container-level errors): problem+json
 * instead of Boot's whitelabel body, and never the exception text.
 */
@RestController
public class ProblemErrorController implements ErrorController {

	private final ProblemWriter problems;

	public ProblemErrorController(ProblemWriter problems) {
		this.problems = problems;
	}

	@RequestMapping("${server.error.path:${error.path:/error}}")
	void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		var code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		var status = HttpStatus.resolve(code instanceof Integer i ? i : 500);
		if (status == null || status.value() < 400) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		var uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		var original = new jakarta.servlet.http.HttpServletRequestWrapper(request) {
			@Override
			public String getRequestURI() {
				return uri instanceof String s ? s : super.getRequestURI();
			}
		};
		problems.write(original, response, status, Problems.codeFor(status), Problems.defaultDetail(status));
	}
}
