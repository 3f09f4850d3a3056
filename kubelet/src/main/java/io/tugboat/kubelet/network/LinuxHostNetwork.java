package io.tugboat.kubelet.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@link HostNetwork} with the {@code ip} and {@code iptables} commands, as flannel and kube-proxy drive them.
 *
 * <pre>
 *   host    ip -4 -o addr show                                   (its addresses: nodes here need no route)
 *   routes  ip -4 route show root 10.244.0.0/16 proto 84       (84: Tugboat's routes, see {@link #ROUTE_PROTOCOL})
 *           ip -4 route replace 10.244.2.0/24 via 192.168.56.12 proto 84
 *   rules   iptables -w 5 -t filter -S DOCKER-USER               (kept: comments starting "tugboat &lt;node&gt;:")
 *           iptables -w 5 -t filter -I DOCKER-USER 1 -s 10.244.1.0/24 -m comment --comment "..." -j ACCEPT
 * </pre>
 *
 * {@code -w} waits for the xtables lock that Docker, kube-proxy-like tools and a second kubelet also take.
 */
public final class LinuxHostNetwork implements HostNetwork {
    /**
     * The routing protocol number Tugboat's routes carry ({@code ip route ... proto 84}), so they can be told from
     * the kernel's, Docker's and an administrator's. Any number the kernel does not use itself would do.
     */
    public static final int ROUTE_PROTOCOL = 84;

    /** Runs one command; tests replace it. */
    @FunctionalInterface
    public interface Commands {
        /** Runs {@code argv} and returns its exit code and output (stdout and stderr together). */
        Result run(List<String> argv);

        /** The result of a command. */
        record Result(int exitCode, String output) {
        }
    }

    private final Commands commands;
    private final List<String> prefix;

    /** On this host's own network stack. */
    public LinuxHostNetwork() {
        this(List.of());
    }

    /**
     * With every command prefixed, e.g. {@code ip netns exec NAME} to work inside a network namespace.
     */
    public LinuxHostNetwork(List<String> prefix) {
        this(LinuxHostNetwork::exec, prefix);
    }

    public LinuxHostNetwork(Commands commands, List<String> prefix) {
        this.commands = commands;
        this.prefix = List.copyOf(prefix);
    }

    @Override
    public Set<String> addresses() {
        // "3: eth0    inet 192.168.56.11/24 brd 192.168.56.255 scope global eth0\ ..."
        Set<String> addresses = new HashSet<>();
        for (String line : run("ip", "-4", "-o", "addr", "show").split("\n")) {
            String[] words = line.trim().split("\\s+");
            int inet = List.of(words).indexOf("inet");
            if (inet >= 0 && inet + 1 < words.length) {
                String address = words[inet + 1].replaceFirst("/.*", "");
                if (Ipv4Cidr.isAddress(address)) {
                    addresses.add(address);
                }
            }
        }
        return addresses;
    }

    @Override
    public List<HostRoute> routes(Ipv4Cidr within) {
        String out = run("ip", "-4", "route", "show", "root", within.toString(), "proto", Integer.toString(ROUTE_PROTOCOL));
        List<HostRoute> routes = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] words = line.trim().split("\\s+");
            int via = List.of(words).indexOf("via");
            if (words.length < 3 || via < 0 || via + 1 >= words.length) {
                continue; // not a gateway route: not one of ours
            }
            String destination = words[0].contains("/") ? words[0] : words[0] + "/32";
            if (Ipv4Cidr.isValid(destination) && Ipv4Cidr.isAddress(words[via + 1])) {
                routes.add(new HostRoute(Ipv4Cidr.parse(destination), words[via + 1]));
            }
        }
        return routes;
    }

    @Override
    public void replaceRoute(HostRoute route) {
        run("ip", "-4", "route", "replace", route.destination().toString(), "via", route.via(),
                "proto", Integer.toString(ROUTE_PROTOCOL));
    }

    @Override
    public void deleteRoute(HostRoute route) {
        Commands.Result result = commands.run(command("ip", "-4", "route", "del", route.destination().toString(),
                "via", route.via(), "proto", Integer.toString(ROUTE_PROTOCOL)));
        if (result.exitCode() != 0 && !result.output().contains("No such process")) {
            throw failure("ip route del " + route, result);
        }
    }

    @Override
    public List<InstalledRule> rules(String table, String chain, String commentPrefix) {
        String out = run("iptables", "-w", "5", "-t", table, "-S", chain);
        List<InstalledRule> rules = new ArrayList<>();
        for (String line : out.split("\n")) {
            List<String> words = split(line.trim());
            if (words.size() < 2 || !words.get(0).equals("-A") || !words.get(1).equals(chain)) {
                continue;
            }
            int c = words.indexOf("--comment");
            if (c < 0 || c + 1 >= words.size() || !words.get(c + 1).startsWith(commentPrefix)) {
                continue;
            }
            rules.add(new InstalledRule(table, chain, words.get(c + 1), words.subList(2, words.size())));
        }
        return rules;
    }

    @Override
    public void insertRule(IptablesRule rule) {
        List<String> argv = new ArrayList<>(List.of("iptables", "-w", "5", "-t", rule.table(), "-I", rule.chain(), "1"));
        argv.addAll(rule.spec());
        run(argv.toArray(String[]::new));
    }

    @Override
    public void deleteRule(InstalledRule rule) {
        List<String> argv = new ArrayList<>(List.of("iptables", "-w", "5", "-t", rule.table(), "-D", rule.chain()));
        argv.addAll(rule.spec());
        run(argv.toArray(String[]::new));
    }

    /**
     * Splits a line of {@code iptables -S} into words: iptables quotes a word with spaces in double quotes and
     * escapes {@code "} and {@code \} inside it with a backslash.
     */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    word.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                inWord = true;
            } else if (Character.isWhitespace(ch)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(ch);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private String run(String... argv) {
        Commands.Result result = commands.run(command(argv));
        if (result.exitCode() != 0) {
            throw failure(String.join(" ", argv), result);
        }
        return result.output();
    }

    private List<String> command(String... argv) {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(List.of(argv));
        return full;
    }

    private static HostNetworkException failure(String what, Commands.Result result) {
        return new HostNetworkException(what + " failed (exit " + result.exitCode() + "): " + result.output().strip());
    }

    private static Commands.Result exec(List<String> argv) {
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new HostNetworkException(String.join(" ", argv) + " did not finish in 30 s");
            }
            return new Commands.Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HostNetworkException("cannot run " + argv.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostNetworkException("interrupted while running " + String.join(" ", argv), e);
        }
    }
}
