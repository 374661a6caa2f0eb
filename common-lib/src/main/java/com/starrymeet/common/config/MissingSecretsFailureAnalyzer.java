package com.starrymeet.common.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a missing secret as the reason the service did not start, and what to do, without a stack trace. */
public class MissingSecretsFailureAnalyzer extends AbstractFailureAnalyzer<RequiredSecrets.MissingSecretsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RequiredSecrets.MissingSecretsException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Set " + String.join(", ", cause.settings()) + " in the environment or configuration. The local fleet "
						+ "(./starrymeet run) and the tests set them for you.",
				cause);
	}
}
