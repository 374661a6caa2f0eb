package com.starrymeet.payment.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.payment.stripe.StripeSettings;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stripe's webhook endpoint (public: the signature is the authentication). The body is read as the exact bytes
 * received — never bound to JSON first, since re-serialized JSON would not match the signature — and verified with
 * {@code Webhook.constructEvent} against the endpoint's signing secret with a 5-minute tolerance
 * ({@code starrymeet.stripe.webhook-tolerance}). A missing or bad signature is 400 {@code INVALID_SIGNATURE} and
 * changes nothing. A verified event is acted on once per Stripe event id ({@link WebhookProcessor}); a duplicate
 * is 200 and a no-op. 503 when Stripe cannot be read back: Stripe delivers the event again.
 */
@RestController
@Tag(name = "Stripe webhook", description = "Signed events from Stripe.")
class StripeWebhookController {

	private static final Logger log = LoggerFactory.getLogger(StripeWebhookController.class);

	/** What Stripe sends, for the API document only: the body is read as raw bytes and verified first. */
	@Schema(name = "StripeEvent", description = "A Stripe Event object (https://docs.stripe.com/api/events/object)")
	record StripeEventDocument(@Schema(example = "evt_1NG8Du2eZvKYlo2CUI79vXWy") String id,
			@Schema(example = "event") String object, @Schema(example = "payment_intent.succeeded") String type,
			long created, @Schema(description = "{object: the PaymentIntent, Charge, ...}") Map<String, Object> data) {
	}

	private final WebhookProcessor processor;

	private final StripeSettings settings;

	StripeWebhookController(WebhookProcessor processor, StripeSettings settings) {
		this.processor = processor;
		this.settings = settings;
	}

	@PostMapping("/v1/webhooks/stripe")
	@Operation(operationId = "receiveStripeEvent", summary = "Receive a signed Stripe event",
			description = "Verified with the `Stripe-Signature` header (400 `INVALID_SIGNATURE` otherwise, nothing "
					+ "changed); each event id is acted on once (a duplicate is 200).",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "application/json",
							schema = @Schema(implementation = StripeEventDocument.class))))
	ApiResponse<Map<String, Object>> receive(HttpServletRequest request,
			@RequestHeader(name = "Stripe-Signature", required = false) @Nullable String signature)
			throws IOException {
		var payload = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		var event = verify(payload, signature);
		var result = processor.process(event);
		log.debug("Stripe event {} ({}): {}", event.getId(), event.getType(), result);
		return ApiResponse.ok(Map.of("received", true, "eventId", event.getId(), "duplicate",
				result == WebhookProcessor.Result.DUPLICATE));
	}

	private Event verify(String payload, @Nullable String signature) {
		if (signature == null || signature.isBlank()) {
			throw invalid("The Stripe-Signature header is missing");
		}
		try {
			var event = Webhook.constructEvent(payload, signature, settings.webhookSecret(),
					settings.webhookTolerance().toSeconds());
			if (event.getId() == null || event.getType() == null) {
				throw invalid("The event has no id or type");
			}
			return event;
		}
		catch (SignatureVerificationException ex) {
			throw invalid("The Stripe-Signature does not verify");
		}
		catch (RuntimeException ex) { // a signed body that is not an event (gson parse failure)
			throw invalid("The signed body is not a Stripe event");
		}
	}

	private static ApiException invalid(String detail) {
		return new ApiException(HttpStatus.BAD_REQUEST, "INVALID_SIGNATURE", detail);
	}
}
