package com.starrymeet.notification.preference.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.common.web.Problems;
import com.starrymeet.common.web.ValidationFailed;
import com.starrymeet.notification.Channel;
import com.starrymeet.notification.NotificationType;
import com.starrymeet.notification.preference.Preferences;
import com.starrymeet.notification.preference.UnsubscribeLinks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Which notifications the caller receives, per type and channel. Transactional types (verification, reset,
 * receipts, booking changes) cannot be switched off: asking to is a 400 naming the entry. The unsubscribe link of
 * a non-transactional e-mail works without signing in (its token is signed, see {@link UnsubscribeLinks}).
 */
@RestController
@Tag(name = "Notification preferences", description = "Per type and channel; transactional types stay on.")
class PreferencesController {

	@Schema(description = "One type on one channel switched on or off.")
	record Change(@Schema(example = "BOOKING_COMPLETED") @NotBlank @Nullable String type,
			@Schema(example = "EMAIL", allowableValues = { "EMAIL", "SMS", "IN_APP" }) @NotBlank @Nullable String channel,
			@NotNull @Nullable Boolean enabled) {
	}

	@Schema(description = "The changes to apply, all or none.")
	record PreferencesPatch(@NotEmpty @Size(max = 100) @Nullable List<@Valid @NotNull Change> preferences) {
	}

	private final Preferences preferences;

	private final UnsubscribeLinks unsubscribeLinks;

	PreferencesController(Preferences preferences, UnsubscribeLinks unsubscribeLinks) {
		this.preferences = preferences;
		this.unsubscribeLinks = unsubscribeLinks;
	}

	@GetMapping("/v1/notifications/preferences")
	@Operation(operationId = "getNotificationPreferences", summary = "My notification preferences",
			description = "Every type with its channels; transactional types are always on.")
	ApiResponse<List<Preferences.TypePreference>> get(Caller caller) {
		return ApiResponse.ok(preferences.all(caller.userId()));
	}

	@PatchMapping("/v1/notifications/preferences")
	@Operation(operationId = "updateNotificationPreferences", summary = "Switch notification types on or off",
			description = "All changes or none; 400 VALIDATION_FAILED for an unknown type or channel or a "
					+ "transactional type switched off.")
	@Transactional
	ApiResponse<List<Preferences.TypePreference>> patch(Caller caller, @Valid @RequestBody PreferencesPatch body) {
		var errors = new ArrayList<Problems.FieldError>();
		var changes = body.preferences() == null ? List.<Change>of() : body.preferences();
		for (int i = 0; i < changes.size(); i++) {
			var change = changes.get(i);
			var field = "preferences[" + i + "]";
			var type = NotificationType.parse(String.valueOf(change.type()));
			var channel = Preferences.CHANNELS.stream().filter(c -> c.name().equals(change.channel())).findFirst();
			if (type.isEmpty()) {
				errors.add(new Problems.FieldError(field + ".type", "unknown notification type"));
			}
			if (channel.isEmpty()) {
				errors.add(new Problems.FieldError(field + ".channel", "must be one of EMAIL, SMS, IN_APP"));
			}
			if (type.isPresent() && type.get().transactional() && Boolean.FALSE.equals(change.enabled())) {
				errors.add(new Problems.FieldError(field + ".enabled",
						type.get() + " is transactional and cannot be switched off"));
			}
		}
		if (!errors.isEmpty()) {
			throw new ValidationFailed(errors);
		}
		for (var change : changes) {
			var type = NotificationType.parse(String.valueOf(change.type())).orElseThrow();
			if (!type.transactional()) {
				preferences.set(caller.userId(), type, Channel.valueOf(change.channel()),
						Boolean.TRUE.equals(change.enabled()));
			}
		}
		return ApiResponse.ok(preferences.all(caller.userId()));
	}

	@GetMapping("/v1/notifications/unsubscribe")
	@Operation(operationId = "unsubscribe", summary = "Stop one type of e-mail (the link in the e-mail)",
			description = "Public: the signed token names the account and the type. 404 INVALID_UNSUBSCRIBE_TOKEN "
					+ "for a token not made by this service.")
	@Transactional
	ApiResponse<Map<String, Object>> unsubscribe(@RequestParam String token) {
		var unsubscribe = unsubscribeLinks.verify(token)
			.filter(u -> !u.type().transactional())
			.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "INVALID_UNSUBSCRIBE_TOKEN",
					"This unsubscribe link is not valid"));
		preferences.set(unsubscribe.userId(), unsubscribe.type(), Channel.EMAIL, false);
		return ApiResponse.ok(Map.of("type", unsubscribe.type().name(), "channel", "EMAIL", "enabled", false));
	}
}
