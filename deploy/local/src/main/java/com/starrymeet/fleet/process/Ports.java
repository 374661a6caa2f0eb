package com.starrymeet.fleet.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** TCP port helpers. */
public final class Ports {

	private Ports() {
	}

	/** A port that was free a moment ago. */
	public static int free() {
		try (var socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Whether nothing listens on {@code port} (on any local address). */
	public static boolean isFree(int port) {
		try (var socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}
}
