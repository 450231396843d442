package dev.marketolog.web;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.channels.UnresolvedAddressException;

/** Why an address could not be bound, in the operator's terms: Javalin says "Port already in use" for every cause. */
final class BindFailure {

    /** The address cannot be bound. */
    static final class Unbindable extends RuntimeException {
        Unbindable(Throwable cause) {
            super(cause);
        }
    }

    private BindFailure() {}

    /** Binds {@code host:port} and lets it go at once; throws {@link Unbindable} with the reason when it cannot. */
    static void requireBindable(String host, int port) {
        if (port == 0) {
            return; // any free port will do
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new Unbindable(new UnresolvedAddressException());
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(address);
        } catch (IOException e) {
            throw new Unbindable(e);
        }
    }

    static String describe(Throwable failure, String host, int port) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException) {
                return "HTTP_HOST " + host + " is not a known host name";
            }
            if (cause instanceof BindException || cause instanceof SocketException) {
                return explain(String.valueOf(cause.getMessage()), host, port);
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.toString();
    }

    private static String explain(String message, String host, int port) {
        if (message.contains("Address already in use")) {
            return "port " + port + " is already in use by another process (" + message + ")";
        }
        if (message.contains("Cannot assign requested address")) {
            return host + " is not an address of this machine (" + message + ")";
        }
        if (message.contains("Permission denied")) {
            return "port " + port + " needs privileges this process does not have (" + message + ")";
        }
        return message;
    }
}
