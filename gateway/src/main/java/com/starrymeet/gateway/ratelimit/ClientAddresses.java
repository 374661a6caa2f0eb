package com.starrymeet.gateway.ratelimit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

import com.starrymeet.gateway.GatewaySettings;

/**
 * The client's address for per-address limits. By default the socket's peer, and {@code X-Forwarded-For} is never
 * read. Behind an ingress, {@code starrymeet.gateway.trusted-proxies} lists the proxies' networks (CIDR): only when
 * the peer is one of them is {@code X-Forwarded-For} read, from its right end (the entry the trusted hop appended)
 * leftwards past any further trusted hops, and the first address that is not a trusted proxy is the client. Entries a
 * client wrote itself sit further left and are never reached; an entry that is not an IP literal ends the walk (never
 * resolved through DNS) and the peer is used.
 */
@Component
public class ClientAddresses {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

	private final List<Cidr> trusted;

	ClientAddresses(GatewaySettings settings) {
		this.trusted = settings.trustedProxies() == null ? List.of()
				: settings.trustedProxies().stream().filter(s -> !s.isBlank()).map(Cidr::parse).toList();
	}

	public String of(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		if (remote == null) {
			return "unknown";
		}
		InetAddress peer = remote.getAddress();
		if (peer == null) {
			return remote.getHostString();
		}
		if (!isTrusted(peer)) {
			return peer.getHostAddress();
		}
		List<String> hops = request.getHeaders().getValuesAsList("X-Forwarded-For");
		for (int i = hops.size() - 1; i >= 0; i--) {
			InetAddress hop = literal(hops.get(i).trim());
			if (hop == null) {
				break;
			}
			if (!isTrusted(hop)) {
				return hop.getHostAddress();
			}
		}
		return peer.getHostAddress();
	}

	private boolean isTrusted(InetAddress address) {
		for (Cidr cidr : this.trusted) {
			if (cidr.contains(address)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * An IP literal, or null; nothing is ever looked up. A dotted quad is parsed here octet by octet (the JDK would
	 * resolve an invalid one such as {@code 999.1.1.1} through DNS); a string with a colon is an IPv6 literal to the
	 * JDK, which never resolves those.
	 */
	private static @Nullable InetAddress literal(String value) {
		try {
			if (IPV4.matcher(value).matches()) {
				String[] octets = value.split("\\.");
				byte[] bytes = new byte[4];
				for (int i = 0; i < 4; i++) {
					int octet = Integer.parseInt(octets[i]);
					if (octet > 255) {
						return null;
					}
					bytes[i] = (byte) octet;
				}
				return InetAddress.getByAddress(bytes);
			}
			if (IPV6.matcher(value).matches()) {
				return InetAddress.getByName(value);
			}
			return null;
		}
		catch (UnknownHostException | RuntimeException ex) {
			return null;
		}
	}

	/** A network: an address and a prefix length ({@code 10.0.0.0/8}, {@code fd00::/8}; a bare address is /32 or /128). */
	record Cidr(byte[] network, int prefix) {

		static Cidr parse(String text) {
			String[] parts = text.trim().split("/", 2);
			InetAddress address = literal(parts[0]);
			if (address == null) {
				throw new IllegalArgumentException("starrymeet.gateway.trusted-proxies: '" + text + "' is not a CIDR");
			}
			int bits = address.getAddress().length * 8;
			int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
			if (prefix < 0 || prefix > bits) {
				throw new IllegalArgumentException("starrymeet.gateway.trusted-proxies: bad prefix in '" + text + "'");
			}
			return new Cidr(address.getAddress(), prefix);
		}

		boolean contains(InetAddress address) {
			byte[] bytes = address.getAddress();
			if (bytes.length != this.network.length) {
				return false;
			}
			int full = this.prefix / 8;
			for (int i = 0; i < full; i++) {
				if (bytes[i] != this.network[i]) {
					return false;
				}
			}
			int rest = this.prefix % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xFF << (8 - rest)) & 0xFF;
			return (bytes[full] & mask) == (this.network[full] & mask);
		}
	}
}
