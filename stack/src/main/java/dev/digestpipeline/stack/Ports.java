package dev.digestpipeline.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

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
        return freePorts(1)[0];
    }

    /**
     * {@code count} different free ports: each is held until all are found, since the system may hand out a port
     * just released again (a fault-suite stack once got one port for Kafka and the registry).
     */
    public static int[] freePorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback ports", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // a socket that will not close still held its port for the choice
                }
            }
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
