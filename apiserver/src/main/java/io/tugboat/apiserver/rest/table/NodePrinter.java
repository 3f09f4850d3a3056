package io.tugboat.apiserver.rest.table;

import static io.tugboat.apiserver.rest.table.Formats.list;

import io.tugboat.api.core.Node;
import io.tugboat.api.core.NodeAddress;
import io.tugboat.api.core.NodeCondition;
import io.tugboat.api.core.NodeStatus;
import io.tugboat.api.core.NodeSystemInfo;
import io.tugboat.api.meta.TableColumnDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The node row of {@code kubectl get nodes}: {@code NAME STATUS ROLES AGE VERSION}, and with {@code -o wide}
 * {@code INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME}.
 *
 * <p>STATUS is {@code Ready} or {@code NotReady} from the Ready condition ({@code Unknown} without one), followed by
 * {@code ,SchedulingDisabled} when the node is cordoned. ROLES come from {@code node-role.kubernetes.io/<role>}
 * labels and the older {@code kubernetes.io/role=<role>} label.
 */
final class NodePrinter implements RowPrinter<Node> {
    private static final String ROLE_LABEL_PREFIX = "node-role.kubernetes.io/";
    private static final String ROLE_LABEL = "kubernetes.io/role";
    private static final String UNKNOWN = "<unknown>";

    private static final List<TableColumnDefinition> COLUMNS = List.of(
            Columns.name(),
            Columns.string("Status", "Whether the node is ready, and whether it accepts new pods."),
            Columns.string("Roles", "The roles of the node, from its node-role labels."),
            Columns.age(),
            Columns.string("Version", "The kubelet version of the node."),
            Columns.wide(Columns.string("Internal-IP", "The node's first internal IP address.")),
            Columns.wide(Columns.string("External-IP", "The node's first external IP address.")),
            Columns.wide(Columns.string("OS-Image", "The operating system the node reports.")),
            Columns.wide(Columns.string("Kernel-Version", "The kernel version the node reports.")),
            Columns.wide(Columns.string("Container-Runtime", "The container runtime and its version.")));

    @Override
    public List<TableColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(Node node, Instant now) {
        NodeStatus status = node.status();
        NodeSystemInfo info = status == null ? null : status.nodeInfo();
        return List.of(
                Formats.name(node),
                status(node),
                Formats.orNone(String.join(",", roles(node))),
                Formats.age(node, now),
                info == null ? "" : Formats.text(info.kubeletVersion()),
                address(status, "InternalIP"),
                address(status, "ExternalIP"),
                orUnknown(info == null ? null : info.osImage()),
                orUnknown(info == null ? null : info.kernelVersion()),
                orUnknown(info == null ? null : info.containerRuntimeVersion()));
    }

    private static String status(Node node) {
        List<String> parts = new ArrayList<>();
        List<NodeCondition> conditions = node.status() == null ? List.of() : list(node.status().conditions());
        conditions.stream().filter(c -> "Ready".equals(c.type())).reduce((first, second) -> second)
                .ifPresent(ready -> parts.add("True".equals(ready.status()) ? "Ready" : "NotReady"));
        if (parts.isEmpty()) {
            parts.add("Unknown");
        }
        if (node.spec() != null && Boolean.TRUE.equals(node.spec().unschedulable())) {
            parts.add("SchedulingDisabled");
        }
        return String.join(",", parts);
    }

    private static TreeSet<String> roles(Node node) {
        TreeSet<String> roles = new TreeSet<>();
        Map<String, String> labels = Formats.metadata(node).labels();
        if (labels != null) {
            labels.forEach((key, value) -> {
                if (key.startsWith(ROLE_LABEL_PREFIX) && key.length() > ROLE_LABEL_PREFIX.length()) {
                    roles.add(key.substring(ROLE_LABEL_PREFIX.length()));
                } else if (key.equals(ROLE_LABEL) && value != null && !value.isEmpty()) {
                    roles.add(value);
                }
            });
        }
        return roles;
    }

    private static String address(NodeStatus status, String type) {
        List<NodeAddress> addresses = status == null ? List.of() : list(status.addresses());
        return addresses.stream().filter(a -> type.equals(a.type())).map(NodeAddress::address).findFirst()
                .orElse(Formats.NONE);
    }

    private static String orUnknown(String value) {
        return value == null || value.isEmpty() ? UNKNOWN : value;
    }
}
