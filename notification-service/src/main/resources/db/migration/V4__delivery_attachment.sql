-- A document fetched when the e-mail is sent and attached if its service answers: booking-service's calendar.ics
-- (calendar:<bookingId>) or payment-service's receipt.pdf (receipt:<paymentId>).
ALTER TABLE delivery ADD COLUMN attachment text
    CONSTRAINT delivery_attachment_kind CHECK (attachment ~ '^(calendar|receipt):[0-9a-f-]{36}$');
