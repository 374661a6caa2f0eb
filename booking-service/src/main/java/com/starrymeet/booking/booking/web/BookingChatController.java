package com.starrymeet.booking.booking.web;

import java.util.UUID;

import com.starrymeet.booking.booking.Messages;
import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The booking chat: the booking's fan and the celebrity's account write, admins read; anyone else 404. Open from
 * confirmation until 7 days after the meeting (409 {@code CHAT_CLOSED}), 429 {@code RATE_LIMITED} with
 * {@code Retry-After} beyond the per-sender limit.
 */
@RestController
@Tag(name = "Booking chat", description = "Messages between a booking's fan and the celebrity's account.")
class BookingChatController {

	@Schema(description = "A chat message.")
	record SendRequest(@NotBlank @Size(max = 2000) @Nullable String text) {
	}

	@Schema(description = "Marks the other side's messages read up to and including this one.")
	record ReadRequest(@Schema(description = "a message id of this booking") @NotNull @Nullable UUID upTo) {
	}

	private final Messages messages;

	BookingChatController(Messages messages) {
		this.messages = messages;
	}

	@GetMapping("/v1/bookings/{bookingId}/messages")
	@Operation(operationId = "listBookingMessages", summary = "A booking's chat, newest first",
			description = "Cursor pagination: pass `nextCursor` as `before` for older messages (null on the last "
					+ "page). Each message has `readAt`, when the other side read it.")
	ApiResponse<Messages.MessagePage> list(Caller caller, @PathVariable UUID bookingId,
			@Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) @Nullable String before,
			@Parameter(description = "1..100, default 50") @RequestParam(required = false) @Nullable Integer limit) {
		return ApiResponse.ok(messages.list(bookingId, caller, before, limit));
	}

	@PostMapping("/v1/bookings/{bookingId}/messages")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "sendBookingMessage", summary = "Write in a booking's chat",
			description = "The fan or the celebrity's account (admins 403). 409 `CHAT_CLOSED` before confirmation and "
					+ "from 7 days after the meeting; 429 `RATE_LIMITED` with `Retry-After`.")
	ApiResponse<Messages.Message> send(Caller caller, @PathVariable UUID bookingId,
			@Valid @RequestBody SendRequest body) {
		@SuppressWarnings("NullAway")
		String text = body.text();
		return ApiResponse.ok(messages.send(bookingId, caller, text));
	}

	@PostMapping("/v1/bookings/{bookingId}/messages/read")
	@Operation(operationId = "markBookingMessagesRead", summary = "Read receipts",
			description = "The other side's messages up to `upTo` get `readAt` (once). Admins 403.")
	ApiResponse<Messages.ReadReceipt> read(Caller caller, @PathVariable UUID bookingId,
			@Valid @RequestBody ReadRequest body) {
		@SuppressWarnings("NullAway")
		UUID upTo = body.upTo();
		return ApiResponse.ok(messages.markRead(bookingId, caller, upTo));
	}
}
