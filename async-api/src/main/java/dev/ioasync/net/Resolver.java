package dev.ioasync.net;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Name resolution for a loop: IO::Async::Resolver. Host names are looked up off the loop
 * thread (the JDK resolver blocks) and the answer arrives on the loop thread; numeric addresses
 * and numeric ports are answered at once, synchronously. Failures carry category
 * {@code resolve}.
 */
public final class Resolver {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static volatile Map<String, Integer> services;

    private final Loop loop;

    /**
     * Creates a resolver that answers on {@code loop}.
     *
     * @param loop the loop
     */
    public Resolver(Loop loop) {
        this.loop = Objects.requireNonNull(loop, "loop");
    }

    /**
     * Resolves a host name or a numeric address ({@code getaddrinfo}).
     *
     * @param host the name or numeric address; {@code null} or empty means the wildcard address
     * @return the addresses in the order the system gave them
     */
    public Future<List<InetAddress>> resolve(String host) {
        Future<List<InetAddress>> f = new Future<>(loop);
        if (host == null || host.isEmpty() || isNumeric(host)) {
            try {
                return f.done(List.of(host == null || host.isEmpty()
                        ? InetAddress.getByName("0.0.0.0") : InetAddress.getByName(host)));
            } catch (UnknownHostException e) {
                return f.fail("cannot resolve '" + host + "': " + e.getMessage(), "resolve", host, e);
            }
        }
        Thread.ofVirtual().name("ioasync-resolve-" + host).start(() -> {
            try {
                List<InetAddress> all = List.of(InetAddress.getAllByName(host));
                deliver(() -> f.done(all));
            } catch (UnknownHostException | RuntimeException e) {
                deliver(() -> f.fail("cannot resolve '" + host + "': " + e.getMessage(), "resolve", host, e));
            }
        });
        return f;
    }

    /**
     * Resolves an address to a host name ({@code getnameinfo}).
     *
     * @param address the address
     * @return the name, or the numeric address when it has none
     */
    public Future<String> resolveName(InetAddress address) {
        Objects.requireNonNull(address, "address");
        Future<String> f = new Future<>(loop);
        Thread.ofVirtual().name("ioasync-resolve-name").start(() -> {
            String name = address.getCanonicalHostName();
            deliver(() -> f.done(name));
        });
        return f;
    }

    private void deliver(Runnable r) {
        try {
            loop.later(r);
        } catch (IllegalStateException closed) {
            // the loop closed while the lookup ran: nobody is left to tell
        }
    }

    /**
     * Whether {@code host} is a numeric IPv4 or IPv6 address (no lookup needed).
     *
     * @param host the text
     * @return whether it is numeric
     */
    public static boolean isNumeric(String host) {
        return IPV4.matcher(host).matches() || host.indexOf(':') >= 0;
    }

    /**
     * Resolves a service to a port: a number, or a name from {@code /etc/services} ({@code http}).
     *
     * @param service the service
     * @return the port
     * @throws IllegalArgumentException naming the service when it is unknown or out of range
     */
    public static int port(String service) {
        Objects.requireNonNull(service, "service");
        try {
            int p = Integer.parseInt(service.trim());
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("port " + p + " is out of range 0..65535");
            }
            return p;
        } catch (NumberFormatException notNumeric) {
            Integer p = services().get(service.trim().toLowerCase(Locale.ROOT));
            if (p == null) {
                throw new IllegalArgumentException("unknown service '" + service + "' (not a port number, not in /etc/services)");
            }
            return p;
        }
    }

    private static Map<String, Integer> services() {
        Map<String, Integer> s = services;
        if (s == null) {
            s = new HashMap<>();
            try {
                for (String line : Files.readAllLines(Path.of("/etc/services"))) {
                    String[] parts = line.replaceAll("#.*", "").trim().split("\\s+");
                    if (parts.length >= 2 && parts[1].endsWith("/tcp")) {
                        int port = Integer.parseInt(parts[1].substring(0, parts[1].indexOf('/')));
                        for (int i = 0; i < parts.length; i++) {
                            if (i != 1) {
                                s.putIfAbsent(parts[i].toLowerCase(Locale.ROOT), port);
                            }
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                s.putAll(Map.of("http", 80, "https", 443, "ssh", 22, "smtp", 25, "echo", 7));
            }
            services = Map.copyOf(s);
            s = services;
        }
        return s;
    }
}
