package com.starrymeet.compose;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The compose fleet's SMTP catcher: GreenMail's SMTP server ({@code MAILBOX_SMTP_PORT}, 3025) keeps whatever
 * notification-service sends, and a small HTTP API ({@code MAILBOX_HTTP_PORT}, 8025) reads it:
 * {@code GET /messages[?to=ADDRESS]} (JSON, newest first: id, from, to, subject, sentAt),
 * {@code GET /messages/{id}} (the raw message), {@code GET /health}. Nothing leaves the machine.
 */
final class Mailbox {

	private final GreenMail smtp;

	private Mailbox(GreenMail smtp) {
		this.smtp = smtp;
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		var smtpPort = Integer.parseInt(InfraMain.env("MAILBOX_SMTP_PORT", "3025"));
		var httpPort = Integer.parseInt(InfraMain.env("MAILBOX_HTTP_PORT", "8025"));
		var smtp = new GreenMail(new ServerSetup(smtpPort, "0.0.0.0", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		var mailbox = new Mailbox(smtp);
		var web = HttpServer.create(new InetSocketAddress("0.0.0.0", httpPort), 0);
		web.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		web.createContext("/", mailbox::handle);
		web.start();
		System.out.println("Mailbox: SMTP on port " + smtpPort + ", messages at http://<host>:" + httpPort + "/messages");
		var stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			web.stop(0);
			smtp.stop();
			stopped.countDown();
		}, "mailbox-stop"));
		stopped.await();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			var path = exchange.getRequestURI().getPath();
			if (!"GET".equals(exchange.getRequestMethod())) {
				send(exchange, 405, "text/plain", "GET only");
				return;
			}
			var received = this.smtp.getReceivedMessages();
			if (path.equals("/health")) {
				send(exchange, 200, "text/plain", "ok");
			}
			else if (path.equals("/messages")) {
				var to = query(exchange.getRequestURI().getRawQuery(), "to");
				var list = new ArrayList<String>();
				for (int i = received.length - 1; i >= 0; i--) {
					var recipients = addresses(received[i]);
					if (to == null || recipients.stream().anyMatch(address -> address.equalsIgnoreCase(to))) {
						list.add(summary(i + 1, received[i], recipients));
					}
				}
				send(exchange, 200, "application/json", "[" + String.join(",", list) + "]");
			}
			else if (path.startsWith("/messages/")) {
				int id;
				try {
					id = Integer.parseInt(path.substring("/messages/".length()));
				}
				catch (NumberFormatException ex) {
					id = 0;
				}
				if (id < 1 || id > received.length) {
					send(exchange, 404, "text/plain", "No such message");
				}
				else {
					send(exchange, 200, "message/rfc822", GreenMailUtil.getWholeMessage(received[id - 1]));
				}
			}
			else {
				send(exchange, 404, "text/plain", "GET /messages[?to=ADDRESS], /messages/{id}, /health");
			}
		}
		catch (MessagingException ex) {
			send(exchange, 500, "text/plain", "Cannot read a message: " + ex.getMessage());
		}
	}

	private static List<String> addresses(MimeMessage message) throws MessagingException {
		var recipients = message.getRecipients(RecipientType.TO);
		var list = new ArrayList<String>();
		if (recipients != null) {
			for (var recipient : recipients) {
				list.add(recipient instanceof InternetAddress internet ? internet.getAddress() : recipient.toString());
			}
		}
		return list;
	}

	private static String summary(int id, MimeMessage message, List<String> to) throws MessagingException {
		var from = message.getFrom() == null || message.getFrom().length == 0 ? "" : message.getFrom()[0].toString();
		var sent = message.getSentDate() == null ? "" : message.getSentDate().toInstant().toString();
		return "{\"id\":" + id + ",\"from\":" + json(from) + ",\"to\":["
				+ String.join(",", to.stream().map(Mailbox::json).toList()) + "],\"subject\":"
				+ json(message.getSubject() == null ? "" : message.getSubject()) + ",\"sentAt\":" + json(sent) + "}";
	}

	static String json(String text) {
		var out = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

	private static String query(String raw, String name) {
		if (raw == null) {
			return null;
		}
		for (var pair : raw.split("&")) {
			var eq = pair.indexOf('=');
			if (eq > 0 && pair.substring(0, eq).equals(name)) {
				return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
		var bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}
}
