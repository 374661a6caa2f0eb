package com.starrymeet.fleet.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the local fleet's services e-mail, kept and readable (never part of a deployment). A GreenMail SMTP server on
 * 127.0.0.1 accepts everything notification-service sends; a page on {@link #webUrl()} lists the messages (newest
 * first) and shows each, and stands in for the web app's two link pages: {@code /verify-email?token=} and
 * {@code /reset-password?token=} post the token to the gateway ({@code /v1/auth/verify-email},
 * {@code /v1/auth/reset-password}) as the front end would, so a new user can follow the e-mailed link. Mail is kept in
 * memory: a restart of the fleet starts an empty mailbox.
 * <ul>
 * <li>{@code GET /} — the list, HTML; {@code GET /messages} — the same as JSON {@code [{id, to, from, subject,
 * receivedAt}]}, {@code ?to=address} filters;</li>
 * <li>{@code GET /messages/{id}} — one message as JSON {@code {id, to, from, subject, receivedAt, text, html}};
 * {@code GET /messages/{id}.html} — its HTML part as a page.</li>
 * </ul>
 */
public final class LocalMailbox implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final GreenMail smtp;

	private final HttpServer web;

	private final URI gateway;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private LocalMailbox(GreenMail smtp, HttpServer web, URI gateway) {
		this.smtp = smtp;
		this.web = web;
		this.gateway = gateway;
	}

	/** Starts the SMTP server on {@code smtpPort} and the page on {@code webPort} (0 = any free port). */
	public static LocalMailbox start(int smtpPort, int webPort, URI gateway) {
		var smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		try {
			var web = HttpServer.create(new InetSocketAddress("127.0.0.1", webPort), 0);
			web.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			var mailbox = new LocalMailbox(smtp, web, gateway);
			web.createContext("/", mailbox::handle);
			web.start();
			return mailbox;
		}
		catch (IOException | RuntimeException ex) {
			smtp.stop();
			throw new IllegalStateException("Cannot start the mailbox page on port " + webPort + ": " + ex.getMessage(), ex);
		}
	}

	public int smtpPort() {
		return this.smtp.getSmtp().getPort();
	}

	/** {@code http://localhost:<port>}: the mailbox page, and the web base of the links in e-mails. */
	public URI webUrl() {
		return URI.create("http://localhost:" + this.web.getAddress().getPort());
	}

	/** The messages received so far, oldest first. */
	public List<Map<String, Object>> messages() {
		var list = new ArrayList<Map<String, Object>>();
		var received = this.smtp.getReceivedMessages();
		for (int i = 0; i < received.length; i++) {
			list.add(summary(i + 1, received[i]));
		}
		return list;
	}

	@Override
	public void close() {
		this.web.stop(0);
		this.smtp.stop();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			var path = exchange.getRequestURI().getPath();
			var query = query(exchange.getRequestURI().getRawQuery());
			if (!"GET".equals(exchange.getRequestMethod()) && !path.equals("/reset-password")) {
				send(exchange, 405, "text/plain", "GET only");
			}
			else if (path.equals("/") ) {
				send(exchange, 200, "text/html; charset=utf-8", listPage(query.get("to")));
			}
			else if (path.equals("/messages")) {
				var to = query.get("to");
				var list = messages().stream()
					.filter(m -> to == null || String.valueOf(m.get("to")).contains(to))
					.toList()
					.reversed();
				send(exchange, 200, "application/json", JSON.writeValueAsString(list));
			}
			else if (path.startsWith("/messages/")) {
				var id = path.substring("/messages/".length());
				var html = id.endsWith(".html");
				var message = message(Integer.parseInt(html ? id.substring(0, id.length() - 5) : id));
				if (message == null) {
					send(exchange, 404, "text/plain", "No such message");
				}
				else if (html) {
					send(exchange, 200, "text/html; charset=utf-8", String.valueOf(message.getOrDefault("html", "")));
				}
				else {
					send(exchange, 200, "application/json", JSON.writeValueAsString(message));
				}
			}
			else if (path.equals("/verify-email")) {
				var answer = post("/v1/auth/verify-email", Map.of("token", query.getOrDefault("token", "")));
				send(exchange, 200, "text/html; charset=utf-8", page("E-mail verification",
						answer.statusCode() == 200 ? "<p>Your e-mail address is verified.</p>"
								: "<p>This link cannot verify an account (" + answer.statusCode() + "):</p><pre>"
										+ escape(answer.body()) + "</pre>"));
			}
			else if (path.equals("/reset-password")) {
				resetPassword(exchange, query);
			}
			else {
				send(exchange, 404, "text/plain", "Not found");
			}
		}
		catch (RuntimeException | MessagingException ex) {
			send(exchange, 500, "text/plain", "Mailbox error: " + ex.getMessage());
		}
	}

	private void resetPassword(HttpExchange exchange, Map<String, String> query) throws IOException {
		if ("POST".equals(exchange.getRequestMethod())) {
			var form = query(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			var answer = post("/v1/auth/reset-password",
					Map.of("token", form.getOrDefault("token", ""), "newPassword", form.getOrDefault("newPassword", "")));
			send(exchange, 200, "text/html; charset=utf-8", page("Password reset",
					answer.statusCode() == 204 ? "<p>Your password was changed. Log in with the new one.</p>"
							: "<p>Not changed (" + answer.statusCode() + "):</p><pre>" + escape(answer.body()) + "</pre>"));
			return;
		}
		send(exchange, 200, "text/html; charset=utf-8", page("Password reset", """
				<form method="post" action="/reset-password"><input type="hidden" name="token" value="%s">
				<label>New password <input type="password" name="newPassword" required></label>
				<button type="submit">Change password</button></form>""".formatted(escape(query.getOrDefault("token", "")))));
	}

	private HttpResponse<String> post(String path, Map<String, String> body) {
		try {
			return this.http.send(HttpRequest.newBuilder(this.gateway.resolve(path))
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("The gateway did not answer: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private String listPage(@Nullable String to) {
		var rows = new StringBuilder();
		for (var message : messages().reversed()) {
			if (to != null && !String.valueOf(message.get("to")).contains(to)) {
				continue;
			}
			rows.append("<tr><td>").append(escape(String.valueOf(message.get("receivedAt"))))
				.append("</td><td>").append(escape(String.valueOf(message.get("to"))))
				.append("</td><td><a href=\"/messages/").append(message.get("id")).append(".html\">")
				.append(escape(String.valueOf(message.get("subject")))).append("</a></td></tr>\n");
		}
		return page("Local mailbox", "<p>Everything the local fleet e-mailed (newest first). JSON: "
				+ "<a href=\"/messages\">/messages</a>.</p><table><tr><th>received</th><th>to</th><th>subject</th></tr>\n"
				+ rows + "</table>");
	}

	private @Nullable Map<String, Object> message(int id) throws MessagingException {
		var received = this.smtp.getReceivedMessages();
		if (id < 1 || id > received.length) {
			return null;
		}
		var message = received[id - 1];
		var full = summary(id, message);
		var body = GreenMailUtil.getBody(message);
		full.put("raw", body);
		try {
			var content = message.getContent();
			if (content instanceof String text) {
				full.put(message.isMimeType("text/html") ? "html" : "text", text);
			}
			else if (content instanceof jakarta.mail.Multipart multipart) {
				collect(multipart, full);
			}
		}
		catch (IOException ex) {
			full.put("text", body);
		}
		return full;
	}

	private static void collect(jakarta.mail.Multipart multipart, Map<String, Object> into)
			throws MessagingException, IOException {
		for (int i = 0; i < multipart.getCount(); i++) {
			var part = multipart.getBodyPart(i);
			if (part.getContent() instanceof jakarta.mail.Multipart nested) {
				collect(nested, into);
			}
			else if (part.isMimeType("text/plain") && part.getFileName() == null) {
				into.putIfAbsent("text", part.getContent());
			}
			else if (part.isMimeType("text/html") && part.getFileName() == null) {
				into.putIfAbsent("html", part.getContent());
			}
			else if (part.getFileName() != null) {
				@SuppressWarnings("unchecked")
				var attachments = (List<String>) into.computeIfAbsent("attachments", k -> new ArrayList<String>());
				attachments.add(part.getFileName());
			}
		}
	}

	private static Map<String, Object> summary(int id, MimeMessage message) {
		var summary = new LinkedHashMap<String, Object>();
		try {
			summary.put("id", id);
			summary.put("to", addresses(message.getAllRecipients()));
			summary.put("from", addresses(message.getFrom()));
			summary.put("subject", message.getSubject());
			summary.put("receivedAt", message.getSentDate() == null ? null : message.getSentDate().toInstant().toString());
		}
		catch (MessagingException ex) {
			summary.put("error", ex.getMessage());
		}
		return summary;
	}

	private static String addresses(Address[] addresses) {
		if (addresses == null) {
			return "";
		}
		var list = new ArrayList<String>();
		for (var address : addresses) {
			list.add(address.toString());
		}
		return String.join(", ", list);
	}

	private static Map<String, String> query(String raw) {
		var map = new LinkedHashMap<String, String>();
		if (raw == null || raw.isEmpty()) {
			return map;
		}
		for (var pair : raw.split("&")) {
			int eq = pair.indexOf('=');
			var key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			var value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			map.put(key, value);
		}
		return map;
	}

	private static String page(String title, String body) {
		return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>"
				+ "<style>body{font-family:sans-serif;margin:2em}td,th{padding:.3em .8em;text-align:left}</style></head>"
				+ "<body><h1>" + escape(title) + "</h1>" + body + "<p><a href=\"/\">mailbox</a></p></body></html>";
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
		var bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}
}
