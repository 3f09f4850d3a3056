package io.tugboat.kubelet.dns;

import java.util.ArrayList;
import java.util.List;

/**
 * The three settings of {@code /etc/resolv.conf} a pod's resolver reads (resolv.conf(5)): where to ask, which
 * suffixes to try, and options such as {@code ndots:5}. Parsed from the node's file and written into pods'.
 *
 * @param nameservers server addresses, in order
 * @param searches    search domains, in order
 * @param options     options as written: {@code ndots:5}, {@code edns0}
 */
public record ResolvConf(List<String> nameservers, List<String> searches, List<String> options) {
    public ResolvConf {
        nameservers = List.copyOf(nameservers);
        searches = List.copyOf(searches);
        options = List.copyOf(options);
    }

    /**
     * Reads resolv.conf text as the resolver does: {@code nameserver}, {@code search} (the last {@code search} or
     * {@code domain} line wins), {@code options} (accumulate); comments ({@code #}, {@code ;}) and other keywords are
     * ignored.
     */
    public static ResolvConf parse(String text) {
        List<String> nameservers = new ArrayList<>();
        List<String> searches = new ArrayList<>();
        List<String> options = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            switch (fields[0]) {
                case "nameserver" -> {
                    if (fields.length > 1) {
                        nameservers.add(fields[1]);
                    }
                }
                case "search", "domain" -> {
                    searches.clear();
                    searches.addAll(List.of(fields).subList(1, fields.length));
                }
                case "options" -> options.addAll(List.of(fields).subList(1, fields.length));
                default -> { }
            }
        }
        return new ResolvConf(nameservers, searches, options);
    }

    /** The file's text; lines with nothing to say are left out. */
    public String render() {
        StringBuilder out = new StringBuilder();
        nameservers.forEach(ns -> out.append("nameserver ").append(ns).append('\n'));
        if (!searches.isEmpty()) {
            out.append("search ").append(String.join(" ", searches)).append('\n');
        }
        if (!options.isEmpty()) {
            out.append("options ").append(String.join(" ", options)).append('\n');
        }
        return out.toString();
    }
}
