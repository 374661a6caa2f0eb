package com.starrymeet.notification.delivery;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import com.starrymeet.notification.NotificationType;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The e-mail templates, in the repository under {@code src/main/resources/mail/}: per type a plain-text template
 * whose first line is {@code Subject: …} and an HTML template (HTML-escaped values), sharing the partials
 * {@code _footer.*} (which shows the unsubscribe link when the model has {@code unsubscribeUrl}). A missing variable
 * fails the rendering (a message is never sent half-filled).
 */
@Component
class MailTemplates {

	/** A rendered e-mail. */
	record Rendered(String subject, String text, String html) {
	}

	private final Mustache.Compiler text = Mustache.compiler()
		.escapeHTML(false)
		.withLoader(name -> reader("mail/" + name + ".txt.mustache"));

	/** HTML escaping of the five characters that matter, leaving {@code =} and {@code /} of links readable. */
	private final Mustache.Compiler html = Mustache.compiler()
		.withEscaper(Escapers.simple(new String[][] { { "&", "&amp;" }, { "<", "&lt;" }, { ">", "&gt;" },
				{ "\"", "&quot;" }, { "'", "&#39;" } }))
		.withLoader(name -> reader("mail/" + name + ".html.mustache"));

	private final Map<String, Template> cache = new ConcurrentHashMap<>();

	Rendered render(NotificationType type, Map<String, ?> model) {
		var renderedText = template(text, type.template() + ".txt.mustache").execute(model);
		var newline = renderedText.indexOf('\n');
		var firstLine = newline < 0 ? renderedText : renderedText.substring(0, newline);
		if (!firstLine.startsWith("Subject: ")) {
			throw new IllegalStateException("mail/" + type.template() + ".txt.mustache must start with 'Subject: '");
		}
		var body = renderedText.substring(newline + 1).stripLeading();
		return new Rendered(firstLine.substring("Subject: ".length()).strip(), body,
				template(html, type.template() + ".html.mustache").execute(model));
	}

	/** The text of an SMS: {@code sms/<type>.txt.mustache}, one short paragraph. */
	String renderSms(NotificationType type, Map<String, ?> model) {
		return cache.computeIfAbsent("s:" + type.template(), key -> {
			try (var reader = reader("sms/" + type.template() + ".txt.mustache")) {
				return text.compile(reader);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}).execute(model).strip();
	}

	private Template template(Mustache.Compiler compiler, String name) {
		return cache.computeIfAbsent((compiler == text ? "t:" : "h:") + name, key -> {
			try (var reader = reader("mail/" + name)) {
				return compiler.compile(reader);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	private static Reader reader(String path) {
		try {
			return new InputStreamReader(new ClassPathResource(path).getInputStream(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No mail template " + path, ex);
		}
	}
}
