package io.tugboat.bench;

import java.nio.charset.StandardCharsets;

/**
 * The pods the scheduler benchmark creates, as JSON bodies: a fixed mix by pod number, so two runs create the same
 * pods.
 *
 * <pre>
 *   number mod 10   kind                  what it asks of the scheduler
 *   0..5            plain                 requests only (NodeResourcesFit, scoring)
 *   6..7            nodeSelector          zone = zone-a/b/c (NodeAffinity over a third of the nodes)
 *   8               zone spread           topologySpreadConstraints: maxSkew 1 over zones, DoNotSchedule
 *   9               hostname spread       topologySpreadConstraints: maxSkew 1 over nodes, ScheduleAnyway
 * </pre>
 *
 * Requests cycle over 10m/20m/50m cpu and 32Mi/64Mi/128Mi memory. Spread pods come in {@link #SPREAD_GROUPS} groups
 * (label {@code app=spread-G}), each spread on its own.
 */
final class BenchPods {
    static final String ZONE_LABEL = "topology.kubernetes.io/zone";
    static final String[] ZONES = {"zone-a", "zone-b", "zone-c"};
    static final int SPREAD_GROUPS = 10;
    private static final String[] CPU = {"10m", "20m", "50m"};
    private static final String[] MEMORY = {"32Mi", "64Mi", "128Mi"};

    private BenchPods() {
    }

    /** The hollow nodes' {@code --labels} value that gives every zone a third of the nodes. */
    static String zoneLabels() {
        return ZONE_LABEL + "=" + String.join("|", ZONES);
    }

    static String name(String prefix, int number) {
        return prefix + String.format("%05d", number);
    }

    /** Pod number {@code number} of the scheduled batch, for the default scheduler. */
    static byte[] scheduled(String prefix, int number) {
        String labels = "\"app\":\"bench\"";
        String extra = "";
        switch (number % 10) {
            case 6, 7 -> extra = ",\"nodeSelector\":{\"%s\":\"%s\"}".formatted(ZONE_LABEL, ZONES[number % ZONES.length]);
            case 8, 9 -> {
                String group = "spread-" + (number % SPREAD_GROUPS);
                labels = "\"app\":\"" + group + "\"";
                boolean zones = number % 10 == 8;
                extra = ",\"topologySpreadConstraints\":[{\"maxSkew\":1,\"topologyKey\":\"%s\",\"whenUnsatisfiable\":\"%s\",\"labelSelector\":{\"matchLabels\":{\"app\":\"%s\"}}}]"
                        .formatted(zones ? ZONE_LABEL : "kubernetes.io/hostname", zones ? "DoNotSchedule" : "ScheduleAnyway", group);
            }
            default -> {
            }
        }
        return body(name(prefix, number), labels, null, CPU[number % CPU.length], MEMORY[(number / 3) % MEMORY.length], extra);
    }

    /**
     * A pod of the raw-binding batch: no requests (it only passes through), and a scheduler name of its own so that
     * no scheduler ever picks it up: the benchmark binds it itself.
     */
    static byte[] raw(String name) {
        return body(name, "\"app\":\"raw\"", "tugboat-bench-raw-binding", null, null, "");
    }

    /** The body of {@code POST pods/{name}/binding} assigning {@code name} to {@code node}. */
    static byte[] binding(String name, String node) {
        return """
                {"apiVersion":"v1","kind":"Binding","metadata":{"name":"%s"},"target":{"apiVersion":"v1","kind":"Node","name":"%s"}}"""
                .formatted(name, node).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] body(String name, String labels, String schedulerName, String cpu, String memory, String extra) {
        String resources = cpu == null ? "" : ",\"resources\":{\"requests\":{\"cpu\":\"%s\",\"memory\":\"%s\"}}".formatted(cpu, memory);
        String scheduler = schedulerName == null ? "" : ",\"schedulerName\":\"" + schedulerName + "\"";
        return """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"default","labels":{%s}},
                 "spec":{"containers":[{"name":"app","image":"tugboat/pause:1"%s}],"terminationGracePeriodSeconds":0%s%s}}"""
                .formatted(name, labels, resources, scheduler, extra).getBytes(StandardCharsets.UTF_8);
    }
}
