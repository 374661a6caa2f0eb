package com.starrymeet.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import com.starrymeet.gateway.GatewaySettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Whose address a per-address limit counts: the socket's peer, unless the peer is a trusted proxy; then the first
 * address in {@code X-Forwarded-For}, from the right, that is not a trusted proxy. What a client writes itself is never
 * believed.
 */
class ClientAddressesTest {

	static ClientAddresses trusting(String... cidrs) {
		return new ClientAddresses(new GatewaySettings(null, null, null, null, 0, null, null, null, null, List.of(cidrs)));
	}

	static MockServerHttpRequest from(String peer, String... forwardedFor) {
		var request = MockServerHttpRequest.get("/v1/auth/login").remoteAddress(new InetSocketAddress(peer, 40000));
		for (String value : forwardedFor) {
			request.header("X-Forwarded-For", value);
		}
		return request.build();
	}

	@Test
	void withoutTrustedProxiesTheHeaderIsNeverRead() {
		assertThat(trusting().of(from("198.51.100.20", "203.0.113.7"))).isEqualTo("198.51.100.20");
	}

	@Test
	void aClientThatIsNotATrustedProxyCannotNameAnotherAddress() {
		var addresses = trusting("10.0.0.0/8");
		assertThat(addresses.of(from("198.51.100.20", "203.0.113.7"))).isEqualTo("198.51.100.20");
	}

	@Test
	void behindTheTrustedIngressTheAddressItAppendedIsTheClient() {
		var addresses = trusting("10.0.0.0/8", "fd00::/8");
		assertThat(addresses.of(from("10.1.2.3", "203.0.113.7"))).isEqualTo("203.0.113.7");
		// what the client sent itself is further left and never reached
		assertThat(addresses.of(from("10.1.2.3", "1.2.3.4, 203.0.113.7"))).isEqualTo("203.0.113.7");
		assertThat(addresses.of(from("10.1.2.3", "1.2.3.4", "203.0.113.7"))).isEqualTo("203.0.113.7");
		// two trusted hops (a load balancer, then the ingress controller)
		assertThat(addresses.of(from("10.1.2.3", "5.6.7.8, 203.0.113.9, 10.9.9.9"))).isEqualTo("203.0.113.9");
		assertThat(addresses.of(from("fd00::1", "2001:db8::42"))).isEqualTo("2001:db8:0:0:0:0:0:42");
	}

	@Test
	void garbageOrAMissingHeaderFallsBackToThePeer() {
		var addresses = trusting("10.0.0.0/8");
		assertThat(addresses.of(from("10.1.2.3"))).isEqualTo("10.1.2.3");
		assertThat(addresses.of(from("10.1.2.3", "evil.example.com"))).isEqualTo("10.1.2.3");
		assertThat(addresses.of(from("10.1.2.3", "203.0.113.7, unknown"))).isEqualTo("10.1.2.3");
		assertThat(addresses.of(from("10.1.2.3", "10.4.4.4"))).as("every hop trusted").isEqualTo("10.1.2.3");
		// not an address, and never looked up in DNS (the JDK would resolve an invalid dotted quad)
		assertThat(addresses.of(from("10.1.2.3", "999.1.1.1"))).isEqualTo("10.1.2.3");
		assertThat(addresses.of(from("10.1.2.3", "1.2.3.4.5"))).isEqualTo("10.1.2.3");
	}

	static java.net.InetAddress address(String literal) {
		try {
			return java.net.InetAddress.getByName(literal);
		}
		catch (java.net.UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void networksMatchByPrefix() {
		var net = ClientAddresses.Cidr.parse("192.168.4.0/22");
		assertThat(net.contains(address("192.168.7.255"))).isTrue();
		assertThat(net.contains(address("192.168.8.0"))).isFalse();
		assertThat(net.contains(address("::1"))).isFalse();
		assertThat(ClientAddresses.Cidr.parse("203.0.113.7").contains(address("203.0.113.7")))
			.isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> ClientAddresses.Cidr.parse("ingress.local/8"));
		assertThatIllegalArgumentException().isThrownBy(() -> ClientAddresses.Cidr.parse("10.0.0.0/33"));
		assertThatIllegalArgumentException().as("a host name is not looked up").isThrownBy(() -> ClientAddresses.Cidr.parse("deadbeef"));
	}
}
