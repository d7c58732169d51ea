package dev.digestpipeline.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback port checks: a taken port gets a clear message instead of a server that dies at start. */
public final class Ports {
    private Ports() {}

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // a port in TIME_WAIT after a stop is free; a listening one is not
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    public static void requireFree(StackPort which, int port) {
        if (!isFree(port)) {
            throw new IllegalStateException("Port " + port + " on 127.0.0.1 (" + which.what() + ") is already taken. "
                    + "Stop what uses it ('./digest down' if it is an earlier stack) or choose another port with "
                    + which.variable() + ".");
        }
    }
}
