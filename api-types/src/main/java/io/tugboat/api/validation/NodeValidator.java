package io.tugboat.api.validation;

import io.tugboat.api.Quantity;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.NodeSpec;
import io.tugboat.api.core.NodeStatus;
import io.tugboat.api.core.Taint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Nodes: cluster-scoped, named like DNS subdomains, with well-formed taints (unique per key and effect), valid
 * pod CIDRs and non-negative capacity. Once set, a node's pod CIDRs and provider ID stay. Mirrors
 * {@code ValidateNode} and {@code ValidateNodeUpdate}.
 *
 * <p>A Kubernetes quirk reproduced on purpose: taint problems are reported under {@code metadata.taints}, not
 * {@code spec.taints}, because upstream builds the path from the metadata path.
 */
final class NodeValidator implements KindValidator<Node> {

    @Override
    public Class<Node> type() {
        return Node.class;
    }

    @Override
    public List<FieldError> validate(Node node) {
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMeta(node.metadata(), false, Formats.SUBDOMAIN_NAME, FieldPath.root("metadata")));
        NodeSpec spec = spec0(node.spec());
        errs.addAll(taints(spec.taints(), FieldPath.root("metadata", "taints")));
        errs.addAll(resources(node.status()));
        List<String> cidrs = MetaValidation.list(spec.podCIDRs());
        FieldPath cidrPath = FieldPath.root("spec", "podCIDRs");
        for (int i = 0; i < cidrs.size(); i++) {
            String cidr = MetaValidation.str(cidrs.get(i));
            if (!IpAddresses.isValidCidr(cidr)) {
                errs.add(FieldError.invalid(cidrPath.index(i), cidr, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
            }
        }
        if (cidrs.size() > 1 && errs.stream().noneMatch(e -> e.field().startsWith("spec.podCIDRs"))) {
            long v6 = cidrs.stream().filter(c -> IpAddresses.isIPv6(c.substring(0, c.indexOf('/')))).count();
            if (v6 != 1 || cidrs.size() > 2) {
                errs.add(FieldError.invalid(cidrPath, cidrs, "may specify no more than one CIDR for each IP family"));
            }
        }
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(Node n, Node o) {
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMetaUpdate(n.metadata(), o.metadata(), FieldPath.root("metadata")));
        errs.addAll(resources(n.status()));
        NodeSpec newSpec = spec0(n.spec());
        NodeSpec oldSpec = spec0(o.spec());
        List<String> oldCidrs = MetaValidation.list(oldSpec.podCIDRs());
        List<String> newCidrs = MetaValidation.list(newSpec.podCIDRs());
        // The node IPAM controller may assign CIDRs once; after that they identify the node's pod network.
        String cidrChange = "node updates may not change podCIDR except from \"\" to valid";
        if (!oldCidrs.isEmpty()) {
            if (oldCidrs.size() != newCidrs.size()) {
                errs.add(FieldError.forbidden(FieldPath.root("spec", "podCIDRs"), cidrChange));
            } else {
                for (int i = 0; i < oldCidrs.size(); i++) {
                    if (!oldCidrs.get(i).equals(newCidrs.get(i))) {
                        errs.add(FieldError.forbidden(FieldPath.root("spec", "podCIDRs"), cidrChange));
                    }
                }
            }
        }
        String oldProvider = MetaValidation.str(oldSpec.providerID());
        if (!oldProvider.isEmpty() && !oldProvider.equals(MetaValidation.str(newSpec.providerID()))) {
            errs.add(FieldError.forbidden(FieldPath.root("spec", "providerID"),
                    "node updates may not change providerID except from \"\" to valid"));
        }
        errs.addAll(taints(newSpec.taints(), FieldPath.root("metadata", "taints")));
        return errs;
    }

    static List<FieldError> taints(List<Taint> taints, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        Map<String, Set<String>> keysByEffect = new HashMap<>();
        List<Taint> list = MetaValidation.list(taints);
        for (int i = 0; i < list.size(); i++) {
            Taint t = list.get(i);
            FieldPath idx = path.index(i);
            String key = MetaValidation.str(t.key());
            String value = MetaValidation.str(t.value());
            String effect = MetaValidation.str(t.effect());
            errs.addAll(MetaValidation.labelName(key, idx.child("key")));
            List<String> valueErrors = Formats.labelValue(value);
            if (!valueErrors.isEmpty()) {
                errs.add(FieldError.invalid(idx.child("value"), value, String.join(";", valueErrors)));
            }
            if (effect.isEmpty()) {
                errs.add(FieldError.required(idx.child("effect"), ""));
            } else if (!PodSpecValidation.TAINT_EFFECTS.contains(effect)) {
                errs.add(FieldError.notSupported(idx.child("effect"), effect, PodSpecValidation.TAINT_EFFECTS));
            }
            Set<String> keys = keysByEffect.computeIfAbsent(effect, e -> new HashSet<>());
            if (!keys.add(key)) {
                errs.add(FieldError.duplicate(idx, GoFormat.GoStruct.of("Key", key, "Value", value, "Effect", effect,
                        "TimeAdded", t.timeAdded())).withDetail("taints must be unique by key and effect pair"));
            }
        }
        return errs;
    }

    /** Capacity and allocatable quantities, under {@code status.capacity.<name>} (a child, not a key). */
    private static List<FieldError> resources(NodeStatus status) {
        List<FieldError> errs = new ArrayList<>();
        if (status == null) {
            return errs;
        }
        for (Map.Entry<String, Quantity> e : MetaValidation.sorted(status.capacity()).entrySet()) {
            errs.addAll(ResourceValidation.quantityValue(e.getKey(), e.getValue(), FieldPath.root("status", "capacity", e.getKey())));
        }
        for (Map.Entry<String, Quantity> e : MetaValidation.sorted(status.allocatable()).entrySet()) {
            errs.addAll(ResourceValidation.quantityValue(e.getKey(), e.getValue(), FieldPath.root("status", "allocatable", e.getKey())));
        }
        return errs;
    }

    private static NodeSpec spec0(NodeSpec spec) {
        return Objects.requireNonNullElse(spec, new NodeSpec(null, null, null, null, null));
    }
}
