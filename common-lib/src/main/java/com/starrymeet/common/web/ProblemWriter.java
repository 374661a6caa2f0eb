package com.starrymeet.common.web;

import java.io.IOException;
import java.util.List;

import com.starrymeet.common.observability.TraceIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem straight to the servlet response, for the places that sit outside Spring MVC's
 * exception handling: filters, security entry points and the error page.
 */
public class ProblemWriter {

	private final JsonMapper json;

	private final TraceIds traceIds;

	public ProblemWriter(JsonMapper json, TraceIds traceIds) {
		this.json = json;
		this.traceIds = traceIds;
	}

	public void write(HttpServletRequest request, HttpServletResponse response, HttpStatusCode status, String code,
			String detail) throws IOException {
		write(request, response, status, code, detail, null);
	}

	public void write(HttpServletRequest request, HttpServletResponse response, HttpStatusCode status, String code,
			String detail, @Nullable List<Problems.FieldError> errors) throws IOException {

		if (response.isCommitted()) {
			return;
		}
		var body = Problems.body(status, code, detail, request.getRequestURI(), traceIds.current(request), errors);
		response.setStatus(status.value());
		response.setContentType(Problems.PROBLEM_JSON.toString());
		response.setCharacterEncoding("UTF-8");
		response.getOutputStream().write(json.writeValueAsBytes(body));
		response.flushBuffer();
	}
}
