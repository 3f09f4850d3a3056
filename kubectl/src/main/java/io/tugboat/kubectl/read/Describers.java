package io.tugboat.kubectl.read;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.ResourceKinds;
import io.tugboat.client.ApiException;
import io.tugboat.kubectl.printers.TablePrinter;
import io.tugboat.kubectl.resource.Api;
import io.tugboat.kubectl.resource.Selectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text of {@code tug describe} for each kind: pods, deployments, nodes and services get kubectl's own
 * sections; every other kind the generic layout kubectl uses for kinds it has no describer for (every field,
 * titles in words). Related objects are read as kubectl reads them: a deployment's ReplicaSets by its selector,
 * a node's pods by {@code spec.nodeName}.
 */
final class Describers {
    private final Api api;

    Describers(Api api) {
        this.api = api;
    }

    void describe(JsonNode object, DescribeWriter w) throws ApiException {
        switch (object.path("kind").asText()) {
            case "Pod" -> pod(object, w);
            case "Deployment" -> deployment(object, w);
            case "Node" -> node(object, w);
            case "Service" -> service(object, w);
            case "Endpoints" -> endpoints(object, w);
            case "EndpointSlice" -> endpointSlice(object, w);
            case "ConfigMap" -> configMap(object, w);
            case "Secret" -> secret(object, w);
            default -> generic(object, w);
        }
    }

    /** Whether kubectl's describer of {@code kind} ends with the object's Events (its Secret describer does not). */
    static boolean showsEvents(String kind) {
        return !kind.equals("Secret");
    }

    private static void header(JsonNode object, DescribeWriter w, boolean namespaced) {
        JsonNode metadata = object.path("metadata");
        w.field(0, "Name", metadata.path("name").asText());
        if (namespaced) {
            w.field(0, "Namespace", metadata.path("namespace").asText());
        }
    }

    // ------------------------------------------------------------------ pods

    private void pod(JsonNode pod, DescribeWriter w) {
        JsonNode metadata = pod.path("metadata");
        JsonNode spec = pod.path("spec");
        JsonNode status = pod.path("status");
        header(pod, w, true);
        if (spec.has("priority")) {
            w.field(0, "Priority", spec.path("priority").asText());
        }
        if (spec.has("serviceAccountName")) {
            w.field(0, "Service Account", spec.path("serviceAccountName").asText());
        }
        String node = spec.path("nodeName").asText("");
        w.field(0, "Node", node.isEmpty() ? "<none>" : node + "/" + status.path("hostIP").asText(""));
        if (status.has("startTime")) {
            w.field(0, "Start Time", DescribeWriter.time(status.path("startTime")));
        }
        w.labels(0, metadata);
        w.annotations(0, metadata);
        if (metadata.has("deletionTimestamp")) {
            w.field(0, "Status", "Terminating (lasts " + w.age(metadata.path("deletionTimestamp")) + ")");
            w.field(0, "Termination Grace Period", metadata.path("deletionGracePeriodSeconds").asText("30") + "s");
        } else {
            w.field(0, "Status", status.path("phase").asText(""));
        }
        w.line(0, "IP:", status.path("podIP").asText(""));
        JsonNode ips = status.path("podIPs");
        if (ips.isEmpty()) {
            w.field(0, "IPs", "<none>");
        } else {
            w.line(0, "IPs:");
            ips.forEach(ip -> w.line(1, "IP:", ip.path("ip").asText()));
        }
        controlledBy(metadata, w);
        containers(spec.path("initContainers"), status.path("initContainerStatuses"), "Init Containers", w, 0, "  ");
        containers(spec.path("containers"), status.path("containerStatuses"), "Containers", w, 0, "  ");
        if (!status.path("conditions").isEmpty()) {
            w.line(0, "Conditions:");
            w.line(1, "Type", "Status");
            status.path("conditions").forEach(c -> w.line(1, c.path("type").asText() + " ", c.path("status").asText()));
        }
        volumes(spec.path("volumes"), w, 0);
        w.field(0, "QoS Class", status.path("qosClass").asText(qosClass(spec)));
        w.map(0, "Node-Selectors", spec.path("nodeSelector"), "=", null);
        tolerations(spec, w, 0);
    }

    private static void volumes(JsonNode volumes, DescribeWriter w, int level) {
        if (volumes.isEmpty()) {
            w.field(level, "Volumes", "<none>");
            return;
        }
        w.line(level, "Volumes:");
        volumes.forEach(v -> {
            w.line(level + 1, v.path("name").asText() + ":");
            v.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("name")) {
                    volumeSource(e.getKey(), e.getValue(), w, level + 2);
                }
            });
        });
    }

    /** A volume source the way kubectl's {@code printVolumes} words the common ones. */
    private static void volumeSource(String type, JsonNode source, DescribeWriter w, int level) {
        switch (type) {
            case "emptyDir" -> {
                w.line(level, "Type:", "EmptyDir (a temporary directory that shares a pod's lifetime)");
                w.line(level, "Medium:", source.path("medium").asText(""));
                w.line(level, "SizeLimit:", source.path("sizeLimit").asText("<unset>"));
            }
            case "hostPath" -> {
                w.line(level, "Type:", "HostPath (bare host directory volume)");
                w.line(level, "Path:", source.path("path").asText(""));
                w.line(level, "HostPathType:", source.path("type").asText(""));
            }
            case "configMap" -> {
                w.line(level, "Type:", "ConfigMap (a volume populated by a ConfigMap)");
                w.line(level, "Name:", source.path("name").asText(""));
                w.line(level, "Optional:", source.path("optional").asText("false"));
            }
            case "secret" -> {
                w.line(level, "Type:", "Secret (a volume populated by a Secret)");
                w.line(level, "SecretName:", source.path("secretName").asText(""));
                w.line(level, "Optional:", source.path("optional").asText("false"));
            }
            case "persistentVolumeClaim" -> {
                w.line(level, "Type:", "PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)");
                w.line(level, "ClaimName:", source.path("claimName").asText(""));
                w.line(level, "ReadOnly:", source.path("readOnly").asText("false"));
            }
            default -> {
                w.line(level, "Type:", words(type));
                source.fields().forEachRemaining(f -> w.line(level, words(f.getKey()) + ":", f.getValue().asText()));
            }
        }
    }

    /** The pod's QoS class when the kubelet has not reported one yet: from requests and limits. */
    static String qosClass(JsonNode spec) {
        boolean any = false;
        boolean guaranteed = true;
        for (JsonNode c : spec.path("containers")) {
            JsonNode limits = c.path("resources").path("limits");
            JsonNode requests = c.path("resources").path("requests");
            any |= !limits.isEmpty() || !requests.isEmpty();
            for (String resource : new String[] {"cpu", "memory"}) {
                String limit = limits.path(resource).asText("");
                String request = requests.path(resource).asText(limit);
                guaranteed &= !limit.isEmpty() && limit.equals(request);
            }
        }
        return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }

    // ------------------------------------------------------------------ config maps

    private static void configMap(JsonNode cm, DescribeWriter w) {
        header(cm, w, true);
        w.labels(0, cm.path("metadata"));
        w.annotations(0, cm.path("metadata"));
        w.line(0, "");
        w.line(0, "Data");
        w.line(0, "====");
        new TreeMap<>(toMap(cm.path("data"))).forEach((k, v) -> {
            w.line(0, k + ":");
            w.line(0, "----");
            w.line(0, v);
            w.line(0, "");
        });
        w.line(0, "");
        w.line(0, "BinaryData");
        w.line(0, "====");
        cm.path("binaryData").fieldNames().forEachRemaining(k -> w.line(0, k + ": " + cm.path("binaryData").path(k).asText().length() * 3 / 4 + " bytes"));
        w.line(0, "");
    }

    /**
     * As kubectl: the keys and the size of each value, never the value (the generic layout would print the data,
     * base64 being no secrecy at all).
     */
    private static void secret(JsonNode secret, DescribeWriter w) {
        header(secret, w, true);
        w.labels(0, secret.path("metadata"));
        w.annotations(0, secret.path("metadata"));
        w.line(0, "");
        w.field(0, "Type", secret.path("type").asText(""));
        w.line(0, "");
        w.line(0, "Data");
        w.line(0, "====");
        new TreeMap<>(toMap(secret.path("data"))).forEach((k, v) -> w.field(0, k, decodedLength(v) + " bytes"));
    }

    private static int decodedLength(String base64) {
        try {
            return java.util.Base64.getDecoder().decode(base64).length;
        } catch (IllegalArgumentException e) {
            return 0; // the API server refuses data that is not base64; nothing better to say of it here
        }
    }

    private static void tolerations(JsonNode spec, DescribeWriter w, int level) {
        List<String> tolerations = new ArrayList<>();
        spec.path("tolerations").forEach(t -> tolerations.add(t.path("key").asText("") + (t.has("value") ? "=" + t.path("value").asText() : "")
                + (t.has("effect") ? ":" + t.path("effect").asText() : "") + (t.has("operator") && t.path("operator").asText().equals("Exists") ? " op=Exists" : "")
                + (t.has("tolerationSeconds") ? " for " + t.path("tolerationSeconds").asText() + "s" : "")));
        list(level, "Tolerations", tolerations, w);
    }

    private static void controlledBy(JsonNode metadata, DescribeWriter w) {
        for (JsonNode owner : metadata.path("ownerReferences")) {
            if (owner.path("controller").asBoolean(false)) {
                w.field(0, "Controlled By", owner.path("kind").asText() + "/" + owner.path("name").asText());
            }
        }
    }

    private static void list(int level, String title, List<String> values, DescribeWriter w) {
        if (values.isEmpty()) {
            w.field(level, title, "<none>");
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            w.line(level, i == 0 ? title + ":" : "", values.get(i));
        }
    }

    /**
     * The containers section; {@code level} is the title's level. In a pod template kubectl indents the
     * container names by one space more than in a pod, but not their fields.
     */
    private static void containers(JsonNode containers, JsonNode statuses, String title, DescribeWriter w, int level,
                                   String nameIndent) {
        if (containers.isEmpty()) {
            return;
        }
        w.line(level, title + ":");
        for (JsonNode c : containers) {
            String name = c.path("name").asText();
            JsonNode status = null;
            for (JsonNode s : statuses) {
                if (name.equals(s.path("name").asText())) {
                    status = s;
                }
            }
            w.line(0, nameIndent + name + ":");
            if (status != null) {
                w.line(2, "Container ID:", status.path("containerID").asText(""));
            }
            w.line(2, "Image:", c.path("image").asText(""));
            if (status != null) {
                w.line(2, "Image ID:", status.path("imageID").asText(""));
            }
            ports(c.path("ports"), w);
            if (c.has("command")) {
                w.line(2, "Command:");
                c.path("command").forEach(a -> w.line(3, a.asText()));
            }
            if (c.has("args")) {
                w.line(2, "Args:");
                c.path("args").forEach(a -> w.line(3, a.asText()));
            }
            if (status != null) {
                state(status.path("state"), "State", w);
                if (status.path("lastState").size() > 0) {
                    state(status.path("lastState"), "Last State", w);
                }
                w.line(2, "Ready:", status.path("ready").asBoolean() ? "True" : "False");
                w.line(2, "Restart Count:", status.path("restartCount").asText("0"));
            }
            resources(c.path("resources"), w);
            probe("Liveness", c.path("livenessProbe"), w);
            probe("Readiness", c.path("readinessProbe"), w);
            JsonNode env = c.path("env");
            if (env.isEmpty()) {
                w.line(2, "Environment:", "<none>");
            } else {
                w.line(2, "Environment:");
                env.forEach(e -> w.line(3, e.path("name").asText() + ":", e.has("value") ? e.path("value").asText()
                        : "(" + e.path("valueFrom").fieldNames().next() + ")"));
            }
            JsonNode mounts = c.path("volumeMounts");
            if (mounts.isEmpty()) {
                w.line(2, "Mounts:", "<none>");
            } else {
                w.line(2, "Mounts:");
                mounts.forEach(m -> w.line(3, m.path("mountPath").asText() + " from " + m.path("name").asText()
                        + (m.path("readOnly").asBoolean(false) ? " (ro)" : " (rw)")));
            }
        }
    }

    private static void ports(JsonNode ports, DescribeWriter w) {
        if (ports.isEmpty()) {
            w.line(2, "Port:", "<none>");
            w.line(2, "Host Port:", "<none>");
            return;
        }
        List<String> container = new ArrayList<>();
        List<String> host = new ArrayList<>();
        ports.forEach(p -> {
            String protocol = p.path("protocol").asText("TCP");
            container.add(p.path("containerPort").asText() + "/" + protocol);
            host.add(p.path("hostPort").asText("0") + "/" + protocol);
        });
        w.line(2, ports.size() > 1 ? "Ports:" : "Port:", String.join(", ", container));
        w.line(2, ports.size() > 1 ? "Host Ports:" : "Host Port:", String.join(", ", host));
    }

    private static void state(JsonNode state, String title, DescribeWriter w) {
        if (state.has("running")) {
            w.line(2, title + ":", "Running");
            w.line(3, "Started:", DescribeWriter.time(state.path("running").path("startedAt")));
        } else if (state.has("waiting")) {
            w.line(2, title + ":", "Waiting");
            w.line(3, "Reason:", state.path("waiting").path("reason").asText(""));
        } else if (state.has("terminated")) {
            JsonNode t = state.path("terminated");
            w.line(2, title + ":", "Terminated");
            w.line(3, "Reason:", t.path("reason").asText(""));
            w.line(3, "Exit Code:", t.path("exitCode").asText("0"));
            w.line(3, "Started:", DescribeWriter.time(t.path("startedAt")));
            w.line(3, "Finished:", DescribeWriter.time(t.path("finishedAt")));
        } else {
            w.line(2, title + ":", "Waiting");
        }
    }

    private static void resources(JsonNode resources, DescribeWriter w) {
        for (String section : new String[] {"limits", "requests"}) {
            JsonNode values = resources.path(section);
            if (!values.isEmpty()) {
                w.line(2, Character.toUpperCase(section.charAt(0)) + section.substring(1) + ":");
                new TreeMap<>(toMap(values)).forEach((k, v) -> w.line(3, k + ":", v));
            }
        }
    }

    private static Map<String, String> toMap(JsonNode node) {
        Map<String, String> map = new TreeMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static void probe(String title, JsonNode probe, DescribeWriter w) {
        if (probe.isMissingNode()) {
            return;
        }
        String how;
        if (probe.has("httpGet")) {
            JsonNode h = probe.path("httpGet");
            how = "http-get " + h.path("scheme").asText("http").toLowerCase() + "://" + h.path("host").asText("") + ":"
                    + h.path("port").asText() + h.path("path").asText("");
        } else if (probe.has("tcpSocket")) {
            how = "tcp-socket :" + probe.path("tcpSocket").path("port").asText();
        } else if (probe.has("exec")) {
            List<String> command = new ArrayList<>();
            probe.path("exec").path("command").forEach(c -> command.add(c.asText()));
            how = "exec [" + String.join(" ", command) + "]";
        } else {
            how = "unknown";
        }
        w.line(2, title + ":", how + " delay=" + probe.path("initialDelaySeconds").asInt(0) + "s timeout="
                + probe.path("timeoutSeconds").asInt(1) + "s period=" + probe.path("periodSeconds").asInt(10) + "s #success="
                + probe.path("successThreshold").asInt(1) + " #failure=" + probe.path("failureThreshold").asInt(3));
    }

    // ------------------------------------------------------------------ deployments

    private void deployment(JsonNode deployment, DescribeWriter w) throws ApiException {
        JsonNode metadata = deployment.path("metadata");
        JsonNode spec = deployment.path("spec");
        JsonNode status = deployment.path("status");
        header(deployment, w, true);
        w.field(0, "CreationTimestamp", DescribeWriter.time(metadata.path("creationTimestamp")));
        w.labels(0, metadata);
        w.annotations(0, metadata);
        String selector = selector(spec.path("selector"));
        w.field(0, "Selector", selector);
        int replicas = spec.path("replicas").asInt(1);
        w.line(0, "Replicas:", replicas + " desired | " + status.path("updatedReplicas").asInt(0) + " updated | "
                + status.path("replicas").asInt(0) + " total | " + status.path("availableReplicas").asInt(0) + " available | "
                + status.path("unavailableReplicas").asInt(0) + " unavailable");
        JsonNode strategy = spec.path("strategy");
        w.field(0, "StrategyType", strategy.path("type").asText("RollingUpdate"));
        w.field(0, "MinReadySeconds", spec.path("minReadySeconds").asText("0"));
        if (strategy.has("rollingUpdate")) {
            w.line(0, "RollingUpdateStrategy:", strategy.path("rollingUpdate").path("maxUnavailable").asText("25%")
                    + " max unavailable, " + strategy.path("rollingUpdate").path("maxSurge").asText("25%") + " max surge");
        }
        if (spec.path("paused").asBoolean(false)) {
            w.field(0, "Paused", "true");
        }
        podTemplate(spec.path("template"), w);
        if (!status.path("conditions").isEmpty()) {
            w.line(0, "Conditions:");
            List<List<String>> rows = new ArrayList<>();
            status.path("conditions").forEach(c -> rows.add(List.of(c.path("type").asText(), c.path("status").asText(),
                    c.path("reason").asText(""))));
            w.table(1, List.of("Type", "Status", "Reason"), rows);
        }
        List<String> old = new ArrayList<>();
        String current = "<none>";
        JsonNode sets = api.list(ResourceKinds.REPLICA_SETS, metadata.path("namespace").asText(), selector.equals("<none>") ? null : selector, null, false);
        String revision = metadata.path("annotations").path("deployment.kubernetes.io/revision").asText("");
        for (JsonNode rs : sets.path("items")) {
            if (!ownedBy(rs, metadata.path("uid").asText())) {
                continue;
            }
            String line = rs.path("metadata").path("name").asText() + " (" + rs.path("status").path("replicas").asInt(0) + "/"
                    + rs.path("spec").path("replicas").asInt(0) + " replicas created)";
            if (!revision.isEmpty() && revision.equals(rs.path("metadata").path("annotations").path("deployment.kubernetes.io/revision").asText())) {
                current = line;
            } else if (rs.path("spec").path("replicas").asInt(0) > 0 || rs.path("status").path("replicas").asInt(0) > 0) {
                old.add(line);
            }
        }
        if (!old.isEmpty() || !current.equals("<none>")) {
            w.field(0, "OldReplicaSets", old.isEmpty() ? "<none>" : String.join(", ", old));
            w.field(0, "NewReplicaSet", current);
        }
    }

    private static boolean ownedBy(JsonNode object, String uid) {
        for (JsonNode owner : object.path("metadata").path("ownerReferences")) {
            if (uid.equals(owner.path("uid").asText())) {
                return true;
            }
        }
        return false;
    }

    /** A pod template as kubectl's {@code DescribePodTemplate} prints it. */
    private static void podTemplate(JsonNode template, DescribeWriter w) {
        w.line(0, "Pod Template:");
        w.labels(1, template.path("metadata"));
        JsonNode annotations = template.path("metadata").path("annotations");
        if (!annotations.isEmpty()) {
            w.annotations(1, template.path("metadata"));
        }
        JsonNode spec = template.path("spec");
        if (spec.has("serviceAccountName")) {
            w.field(1, "Service Account", spec.path("serviceAccountName").asText());
        }
        JsonNode none = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        containers(spec.path("initContainers"), none, "Init Containers", w, 1, "   ");
        containers(spec.path("containers"), none, "Containers", w, 1, "   ");
        volumes(spec.path("volumes"), w, 1);
        w.map(1, "Node-Selectors", spec.path("nodeSelector"), "=", null);
        tolerations(spec, w, 1);
    }

    /** A label selector as {@code a=b,c=d}, or {@code <none>}. */
    static String selector(JsonNode selector) {
        String text = Selectors.ofLabelSelector(selector);
        return text.isEmpty() ? "<none>" : text;
    }

    // ------------------------------------------------------------------ nodes

    private void node(JsonNode node, DescribeWriter w) throws ApiException {
        JsonNode metadata = node.path("metadata");
        JsonNode spec = node.path("spec");
        JsonNode status = node.path("status");
        header(node, w, false);
        List<String> roles = new ArrayList<>();
        metadata.path("labels").fieldNames().forEachRemaining(k -> {
            if (k.startsWith("node-role.kubernetes.io/")) {
                roles.add(k.substring("node-role.kubernetes.io/".length()));
            }
        });
        w.field(0, "Roles", roles.isEmpty() ? "<none>" : String.join(",", roles));
        w.labels(0, metadata);
        w.annotations(0, metadata);
        w.field(0, "CreationTimestamp", DescribeWriter.time(metadata.path("creationTimestamp")));
        List<String> taints = new ArrayList<>();
        spec.path("taints").forEach(t -> taints.add(t.path("key").asText() + (t.has("value") ? "=" + t.path("value").asText() : "")
                + ":" + t.path("effect").asText()));
        list(0, "Taints", taints, w);
        w.field(0, "Unschedulable", Boolean.toString(spec.path("unschedulable").asBoolean(false)));
        lease(metadata.path("name").asText(), w);
        if (!status.path("conditions").isEmpty()) {
            w.line(0, "Conditions:");
            List<List<String>> rows = new ArrayList<>();
            status.path("conditions").forEach(c -> rows.add(List.of(c.path("type").asText(), c.path("status").asText(),
                    DescribeWriter.time(c.path("lastHeartbeatTime")), DescribeWriter.time(c.path("lastTransitionTime")),
                    c.path("reason").asText(""), c.path("message").asText(""))));
            w.table(1, List.of("Type", "Status", "LastHeartbeatTime", "LastTransitionTime", "Reason", "Message"), rows);
        }
        w.line(0, "Addresses:");
        status.path("addresses").forEach(a -> w.line(1, a.path("type").asText() + ":", a.path("address").asText()));
        for (String section : new String[] {"capacity", "allocatable"}) {
            if (!status.path(section).isEmpty()) {
                w.line(0, Character.toUpperCase(section.charAt(0)) + section.substring(1) + ":");
                toMap(status.path(section)).forEach((k, v) -> w.line(1, k + ":", v));
            }
        }
        JsonNode info = status.path("nodeInfo");
        w.line(0, "System Info:");
        for (String[] field : new String[][] {{"machineID", "Machine ID"}, {"systemUUID", "System UUID"}, {"bootID", "Boot ID"},
                {"kernelVersion", "Kernel Version"}, {"osImage", "OS Image"}, {"operatingSystem", "Operating System"},
                {"architecture", "Architecture"}, {"containerRuntimeVersion", "Container Runtime Version"},
                {"kubeletVersion", "Kubelet Version"}, {"kubeProxyVersion", "Kube-Proxy Version"}}) {
            w.line(1, field[1] + ":", info.path(field[0]).asText(""));
        }
        JsonNode pods = api.list(ResourceKinds.PODS, null, null, "spec.nodeName=" + metadata.path("name").asText()
                + ",status.phase!=Succeeded,status.phase!=Failed", false);
        w.line(0, "Non-terminated Pods:", "(" + pods.path("items").size() + " in total)");
        List<List<String>> podRows = new ArrayList<>();
        for (JsonNode pod : pods.path("items")) {
            podRows.add(List.of(pod.path("metadata").path("namespace").asText(), pod.path("metadata").path("name").asText(),
                    w.age(pod.path("metadata").path("creationTimestamp"))));
        }
        w.table(1, List.of("Namespace", "Name", "Age"), podRows);
    }

    private void lease(String node, DescribeWriter w) {
        try {
            JsonNode lease = api.get(ResourceKinds.LEASES, "kube-node-lease", node);
            w.line(0, "Lease:");
            w.line(1, "HolderIdentity:", lease.path("spec").path("holderIdentity").asText("<unset>"));
            w.line(1, "AcquireTime:", lease.path("spec").has("acquireTime") ? DescribeWriter.time(lease.path("spec").path("acquireTime")) : "<unset>");
            w.line(1, "RenewTime:", lease.path("spec").has("renewTime") ? DescribeWriter.time(lease.path("spec").path("renewTime")) : "<unset>");
        } catch (ApiException e) {
            w.line(0, "Lease:", "Failed to get lease: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ services

    /**
     * kubectl's {@code describeService}: the Endpoints line of each port comes from the Service's EndpointSlices
     * (labelled {@code kubernetes.io/service-name}), as kubectl 1.19+ reads them.
     */
    private void service(JsonNode service, DescribeWriter w) throws ApiException {
        JsonNode metadata = service.path("metadata");
        JsonNode spec = service.path("spec");
        header(service, w, true);
        w.labels(0, metadata);
        w.annotations(0, metadata);
        w.map(0, "Selector", spec.path("selector"), "=", null);
        w.field(0, "Type", spec.path("type").asText(""));
        if (spec.has("ipFamilyPolicy")) {
            w.field(0, "IP Family Policy", spec.path("ipFamilyPolicy").asText());
        }
        w.field(0, "IP Families", joined(spec.path("ipFamilies")));
        w.field(0, "IP", spec.path("clusterIP").asText(""));
        w.field(0, "IPs", joined(spec.path("clusterIPs")));
        if (!spec.path("externalIPs").isEmpty()) {
            w.field(0, "External IPs", joined(spec.path("externalIPs")));
        }
        if (!spec.path("loadBalancerIP").asText("").isEmpty()) {
            w.field(0, "IP", spec.path("loadBalancerIP").asText());
        }
        if (!spec.path("externalName").asText("").isEmpty()) {
            w.field(0, "External Name", spec.path("externalName").asText());
        }
        JsonNode slices;
        try {
            slices = api.list(ResourceKinds.ENDPOINT_SLICES, metadata.path("namespace").asText(),
                    "kubernetes.io/service-name=" + metadata.path("name").asText(), null, false).path("items");
        } catch (ApiException e) {
            slices = null;
        }
        for (JsonNode port : spec.path("ports")) {
            String name = port.path("name").asText("");
            String shown = name.isEmpty() ? "<unset>" : name;
            String protocol = port.path("protocol").asText("TCP");
            w.line(0, "Port:", shown, port.path("port").asText() + "/" + protocol);
            w.line(0, "TargetPort:", port.path("targetPort").asText(port.path("port").asText()) + "/" + protocol);
            if (port.path("nodePort").asInt(0) != 0) {
                w.line(0, "NodePort:", shown, port.path("nodePort").asText() + "/" + protocol);
            }
            w.line(0, "Endpoints:", sliceEndpoints(slices, name)); // empty when no endpoint is ready, as kubectl prints it
        }
        w.field(0, "Session Affinity", spec.path("sessionAffinity").asText(""));
        if (!spec.path("externalTrafficPolicy").asText("").isEmpty()) {
            w.field(0, "External Traffic Policy", spec.path("externalTrafficPolicy").asText());
        }
        if (spec.has("internalTrafficPolicy")) {
            w.field(0, "Internal Traffic Policy", spec.path("internalTrafficPolicy").asText());
        }
    }

    private static String joined(JsonNode values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(v.asText()));
        return out.isEmpty() ? "<none>" : String.join(",", out);
    }

    /**
     * kubectl's {@code formatEndpointSlices} for one port name: the ready endpoints' {@code ip:port}, three at most
     * then {@code + N more...}; {@code <none>} when the Service has no slices at all; ports-less slices (headless)
     * list bare addresses.
     */
    static String sliceEndpoints(JsonNode slices, String portName) {
        if (slices == null || slices.isEmpty()) {
            return "<none>";
        }
        final int max = 3;
        List<String> list = new ArrayList<>();
        boolean more = false;
        int count = 0;
        for (JsonNode slice : slices) {
            JsonNode ports = slice.path("ports");
            if (ports.isEmpty()) {
                for (JsonNode endpoint : slice.path("endpoints")) {
                    if (list.size() == max) {
                        more = true;
                    }
                    if (!endpoint.path("conditions").path("ready").asBoolean(true)) {
                        continue;
                    }
                    if (!more) {
                        list.add(endpoint.path("addresses").path(0).asText());
                    }
                    count++;
                }
                continue;
            }
            for (JsonNode port : ports) {
                if (!port.path("name").asText("").equals(portName)) {
                    continue;
                }
                for (JsonNode endpoint : slice.path("endpoints")) {
                    if (list.size() == max) {
                        more = true;
                    }
                    if (!endpoint.path("conditions").path("ready").asBoolean(true)) {
                        continue;
                    }
                    if (!more) {
                        list.add(hostPort(endpoint.path("addresses").path(0).asText(), port.path("port").asText()));
                    }
                    count++;
                }
            }
        }
        String joined = String.join(",", list);
        return more ? joined + " + " + (count - max) + " more..." : joined;
    }

    private static String hostPort(String host, String port) {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }

    /** kubectl's {@code describeEndpoints}: each subset's ready and not-ready addresses and its ports. */
    private static void endpoints(JsonNode endpoints, DescribeWriter w) {
        JsonNode metadata = endpoints.path("metadata");
        header(endpoints, w, true);
        w.labels(0, metadata);
        w.annotations(0, metadata);
        w.line(0, "Subsets:");
        for (JsonNode subset : endpoints.path("subsets")) {
            w.field(1, "Addresses", ips(subset.path("addresses")));
            w.field(1, "NotReadyAddresses", ips(subset.path("notReadyAddresses")));
            if (!subset.path("ports").isEmpty()) {
                w.line(1, "Ports:");
                w.line(2, "Name", "Port", "Protocol");
                w.line(2, "----", "----", "--------");
                for (JsonNode port : subset.path("ports")) {
                    String name = port.path("name").asText("");
                    w.line(2, name.isEmpty() ? "<unset>" : name, port.path("port").asText(), port.path("protocol").asText());
                }
            }
            w.line(0, "");
        }
    }

    private static String ips(JsonNode addresses) {
        List<String> ips = new ArrayList<>();
        addresses.forEach(a -> ips.add(a.path("ip").asText()));
        return String.join(",", ips);
    }

    /** kubectl's {@code describeEndpointSliceV1}: address type, ports, and each endpoint with its conditions. */
    private static void endpointSlice(JsonNode slice, DescribeWriter w) {
        JsonNode metadata = slice.path("metadata");
        header(slice, w, true);
        w.labels(0, metadata);
        w.annotations(0, metadata);
        w.field(0, "AddressType", slice.path("addressType").asText());
        if (slice.path("ports").isEmpty()) {
            w.line(0, "Ports: <unset>");
        } else {
            w.line(0, "Ports:");
            w.line(1, "Name", "Port", "Protocol");
            w.line(1, "----", "----", "--------");
            for (JsonNode port : slice.path("ports")) {
                String name = port.path("name").asText("");
                w.line(1, name.isEmpty() ? "<unset>" : name, port.has("port") ? port.path("port").asText() : "<unset>",
                        port.path("protocol").asText());
            }
        }
        if (slice.path("endpoints").isEmpty()) {
            w.line(0, "Endpoints: <none>");
            return;
        }
        w.line(0, "Endpoints:");
        for (JsonNode endpoint : slice.path("endpoints")) {
            List<String> addresses = new ArrayList<>();
            endpoint.path("addresses").forEach(a -> addresses.add(a.asText()));
            w.line(1, "- Addresses:", addresses.isEmpty() ? "<none>" : String.join(", ", addresses));
            w.line(2, "Conditions:");
            JsonNode ready = endpoint.path("conditions").path("ready");
            w.line(3, "Ready:", ready.isBoolean() ? String.valueOf(ready.asBoolean()) : "<unset>");
            w.line(2, "Hostname:", endpoint.path("hostname").asText("<unset>"));
            if (endpoint.has("targetRef")) {
                w.line(2, "TargetRef:", endpoint.path("targetRef").path("kind").asText() + "/"
                        + endpoint.path("targetRef").path("name").asText());
            }
            w.line(2, "NodeName:", endpoint.path("nodeName").asText("<unset>"));
            w.line(2, "Zone:", endpoint.path("zone").asText("<unset>"));
        }
    }

    // ------------------------------------------------------------------ any other kind

    /** kubectl's describer for kinds without their own: every field, titles in words. */
    private static void generic(JsonNode object, DescribeWriter w) {
        JsonNode metadata = object.path("metadata");
        header(object, w, metadata.has("namespace"));
        w.labels(0, metadata);
        w.annotations(0, metadata);
        w.field(0, "API Version", object.path("apiVersion").asText());
        w.field(0, "Kind", object.path("kind").asText());
        Map<String, JsonNode> rest = new TreeMap<>();
        object.fields().forEachRemaining(e -> rest.put(e.getKey(), e.getValue()));
        rest.remove("apiVersion");
        rest.remove("kind");
        JsonNode meta = rest.remove("metadata");
        if (meta != null) {
            Map<String, JsonNode> fields = new TreeMap<>();
            meta.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
            for (String skip : new String[] {"name", "namespace", "labels", "annotations", "managedFields"}) {
                fields.remove(skip);
            }
            w.line(0, "Metadata:");
            fields.forEach((k, v) -> value(1, k, v, w));
        }
        rest.forEach((k, v) -> value(0, k, v, w));
    }

    private static void value(int level, String key, JsonNode value, DescribeWriter w) {
        String title = words(key);
        if (value.isObject()) {
            w.line(level, title + ":");
            Map<String, JsonNode> fields = new TreeMap<>();
            value.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
            fields.forEach((k, v) -> value(level + 1, k, v, w));
        } else if (value.isArray()) {
            w.line(level, title + ":");
            for (JsonNode item : value) {
                if (item.isObject()) {
                    Map<String, JsonNode> fields = new TreeMap<>();
                    item.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
                    fields.forEach((k, v) -> value(level + 1, k, v, w));
                } else {
                    w.line(level + 1, item.asText());
                }
            }
        } else {
            w.line(level, title + ":", value.asText());
        }
    }

    /** {@code creationTimestamp} → {@code Creation Timestamp}, {@code podIP} → {@code Pod IP}, as kubectl titles them. */
    static String words(String camel) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            boolean boundary = i > 0 && Character.isUpperCase(c)
                    && (Character.isLowerCase(camel.charAt(i - 1))
                    || i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1)));
            if (boundary) {
                out.append(' ');
            }
            out.append(i == 0 ? Character.toUpperCase(c) : c);
        }
        String text = out.toString();
        for (String acronym : new String[] {"Api", "Ip", "Id", "Url", "Uid", "Cidr", "Dns", "Tls"}) {
            text = text.replaceAll("\\b" + acronym + "\\b", acronym.toUpperCase());
        }
        return text;
    }

    /** The labels of an object as {@code a=b,c=d}. */
    static String labels(JsonNode metadata) {
        return TablePrinter.labels(metadata.path("labels"));
    }
}
