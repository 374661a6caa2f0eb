package com.starrymeet.payment.payment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.jspecify.annotations.Nullable;

/**
 * Renders a {@link Receipts.Receipt} with Apache PDFBox: one A4 page (more if many refunds), Helvetica — a standard
 * 14 font in WinAnsiEncoding, which covers Latin-1 and so names like "Zoë" or "São Paulo". A character the encoding
 * lacks never fails the rendering: it is written without its accent when that helps ("ő" → "o"), else as "?".
 * Times are the venue's local time with its zone's id and name ("Europe/Lisbon, Western European Summer Time").
 */
final class ReceiptPdf {

	private static final DateTimeFormatter MEETING = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm",
			Locale.ENGLISH);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.ENGLISH);

	private static final DateTimeFormatter ZONE_ABBREVIATION = DateTimeFormatter.ofPattern("zzzz", Locale.ENGLISH);

	private static final float MARGIN = 56;

	private ReceiptPdf() {
	}

	static byte[] render(Receipts.Receipt receipt) {
		try (var document = new PDDocument(); var out = new ByteArrayOutputStream()) {
			var info = new PDDocumentInformation();
			info.setTitle("StarryMeet receipt " + receipt.bookingNumber());
			info.setCreator("StarryMeet payment-service");
			document.setDocumentInformation(info);
			var writer = new Writer(document);
			var meeting = receipt.meeting();
			ZoneId zone = meeting == null ? ZoneOffset.UTC : ZoneId.of(meeting.timeZone());

			writer.line(writer.bold, 18, "StarryMeet - Receipt");
			writer.gap(8);
			writer.row("Receipt number", receipt.paymentId().toString());
			writer.row("Booking number", receipt.bookingNumber());
			writer.row("Payment date", receipt.paidAt() == null ? "-" : when(DAY, receipt.paidAt(), zone));
			writer.gap(10);

			writer.line(writer.bold, 12, "Meeting");
			if (meeting == null) {
				writer.row("Details", "not available yet");
			}
			else {
				writer.row("Celebrity", meeting.celebrityName());
				writer.row("Meeting type", meeting.meetingTypeName() + " (" + meeting.durationMinutes() + " min)");
				writer.row("Date and time", when(MEETING, meeting.startsAt(), zone));
				writer.row("City", meeting.city() + ", " + meeting.country());
			}
			writer.gap(10);

			writer.line(writer.bold, 12, "Amounts");
			String currency = receipt.currency();
			writer.row("Price", money(receipt.priceCents(), currency));
			Long fee = meeting == null ? null : meeting.platformFeeCents();
			writer.row("Platform fee (included)", fee == null ? "-" : money(fee, currency));
			writer.row("Credit applied", money(receipt.creditAppliedCents(), currency));
			writer.row("Card charged", money(receipt.cardChargedCents(), currency));
			writer.row("Card", card(receipt.cardBrand(), receipt.cardLast4(), receipt.cardChargedCents()));
			writer.gap(10);

			writer.line(writer.bold, 12, "Refunds");
			if (receipt.refunds().isEmpty()) {
				writer.line(writer.regular, 10.5f, "None");
			}
			for (var refund : receipt.refunds()) {
				writer.row(refund.label() + ", " + when(DAY, refund.at(), zone), "-" + money(refund.amountCents(), currency));
			}
			writer.gap(10);
			writer.row(writer.bold, "Net paid", money(receipt.netPaidCents(), currency));
			writer.close();
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The receipt could not be rendered", ex);
		}
	}

	static String money(long cents, String currency) {
		int digits;
		try {
			digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
		}
		catch (IllegalArgumentException ex) {
			digits = 2;
		}
		var amount = java.math.BigDecimal.valueOf(cents, digits);
		return currency + " " + amount.toPlainString();
	}

	private static String when(DateTimeFormatter format, Instant instant, ZoneId zone) {
		var local = instant.atZone(zone);
		return format.format(local) + " (" + zone.getId() + ", " + ZONE_ABBREVIATION.format(local) + ")";
	}

	private static String card(@Nullable String brand, @Nullable String last4, long charged) {
		if (charged == 0) {
			return "none (paid with credit)";
		}
		var name = brand == null ? "card" : brand.substring(0, 1).toUpperCase(Locale.ROOT) + brand.substring(1);
		return name + " ending in " + (last4 == null ? "????" : last4);
	}

	/** Writes lines top-down, starting a new page when the current one is full. */
	private static final class Writer {

		final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

		final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

		private final PDDocument document;

		private @Nullable PDPageContentStream stream;

		private float y;

		Writer(PDDocument document) throws IOException {
			this.document = document;
			newPage();
		}

		private void newPage() throws IOException {
			close();
			var page = new PDPage(PDRectangle.A4);
			document.addPage(page);
			stream = new PDPageContentStream(document, page);
			y = page.getMediaBox().getHeight() - MARGIN;
		}

		void gap(float points) {
			y -= points;
		}

		void line(PDType1Font font, float size, String text) throws IOException {
			text(font, size, MARGIN, text);
			y -= size + 6;
		}

		void row(String label, String value) throws IOException {
			row(regular, label, value);
		}

		void row(PDType1Font valueFont, String label, String value) throws IOException {
			var shown = encodable(regular, label + ":");
			text(regular, 10.5f, MARGIN, shown);
			// the value's column, or right after a long label (a refund's date)
			float labelEnd = MARGIN + regular.getStringWidth(shown) / 1000 * 10.5f;
			text(valueFont, 10.5f, Math.max(MARGIN + 190, labelEnd + 12), value);
			y -= 16.5f;
		}

		private void text(PDType1Font font, float size, float x, String text) throws IOException {
			if (y < MARGIN + size) {
				newPage();
			}
			var s = stream;
			s.beginText();
			s.setFont(font, size);
			s.newLineAtOffset(x, y);
			s.showText(encodable(font, text));
			s.endText();
		}

		void close() throws IOException {
			if (stream != null) {
				stream.close();
				stream = null;
			}
		}
	}

	/**
	 * {@code text} with what the font's encoding cannot write replaced: control characters by a space, a letter
	 * with a mark the encoding lacks by its base letter, anything else by "?".
	 */
	static String encodable(PDType1Font font, String text) {
		var out = new StringBuilder(text.length());
		Normalizer.normalize(text, Normalizer.Form.NFC).codePoints().forEach(cp -> {
			if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
				out.append(' ');
				return;
			}
			var ch = new String(Character.toChars(cp));
			if (canEncode(font, ch)) {
				out.append(ch);
				return;
			}
			var base = Normalizer.normalize(ch, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
			out.append(!base.isEmpty() && canEncode(font, base) ? base : "?");
		});
		return out.toString();
	}

	private static boolean canEncode(PDType1Font font, String text) {
		try {
			font.encode(text);
			return true;
		}
		catch (IllegalArgumentException | IOException ex) {
			return false;
		}
	}
}
