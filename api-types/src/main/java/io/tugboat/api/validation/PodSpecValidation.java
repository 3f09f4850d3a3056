package io.tugboat.api.validation;

import io.tugboat.api.core.Affinity;
import io.tugboat.api.core.Container;
import io.tugboat.api.core.ContainerPort;
import io.tugboat.api.core.NodeAffinity;
import io.tugboat.api.core.NodeSelector;
import io.tugboat.api.core.NodeSelectorRequirement;
import io.tugboat.api.core.NodeSelectorTerm;
import io.tugboat.api.core.PodAffinityTerm;
import io.tugboat.api.core.PodSpec;
import io.tugboat.api.core.PodTemplateSpec;
import io.tugboat.api.core.PreferredSchedulingTerm;
import io.tugboat.api.core.Toleration;
import io.tugboat.api.core.TopologySpreadConstraint;
import io.tugboat.api.core.WeightedPodAffinityTerm;
import io.tugboat.api.meta.ObjectMeta;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pod spec, wherever it appears: in a Pod, or in the template of a Deployment, Job or DaemonSet. Mirrors
 * {@code ValidatePodSpec} and {@code ValidatePodTemplateSpec}.
 *
 * <p>{@code isPod} matters in two places, as in Kubernetes: a Pod's container image may not have surrounding
 * whitespace, and with {@code hostNetwork} a Pod's host ports must equal its container ports (a template may
 * leave them 0, since they are defaulted when the Pod is created).
 */
final class PodSpecValidation {

    private PodSpecValidation() {
    }

    private static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
    private static final List<String> DNS_POLICIES = List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");
    private static final List<String> TOLERATION_OPERATORS = List.of("Equal", "Exists");
    static final List<String> TAINT_EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");
    private static final String DELETION_COST_ANNOTATION = "controller.kubernetes.io/pod-deletion-cost";

    static List<FieldError> podSpec(PodSpec spec, FieldPath path, boolean isPod) {
        PodSpec s = spec == null ? emptySpec() : spec;
        List<FieldError> errs = new ArrayList<>();
        if (s.terminationGracePeriodSeconds() == null) {
            errs.add(FieldError.required(path.child("terminationGracePeriodSeconds"), ""));
        }
        VolumeValidation.Result volumes = VolumeValidation.volumes(s.volumes(), path.child("volumes"));
        errs.addAll(volumes.errors());
        errs.addAll(containers(s.containers(), volumes.names(), path.child("containers")));
        errs.addAll(initContainers(s.initContainers(), s.containers(), volumes.names(), path.child("initContainers")));
        errs.addAll(hostNetworkPorts(s, path, isPod));
        errs.addAll(enumerated(s.restartPolicy(), RESTART_POLICIES, path.child("restartPolicy")));
        errs.addAll(enumerated(s.dnsPolicy(), DNS_POLICIES, path.child("dnsPolicy")));
        errs.addAll(MetaValidation.labels(s.nodeSelector(), path.child("nodeSelector")));
        errs.addAll(affinity(s.affinity(), path.child("affinity")));
        errs.addAll(dnsConfig(s.dnsPolicy(), s.dnsConfig(), path.child("dnsConfig")));
        String serviceAccount = MetaValidation.str(s.serviceAccountName());
        if (!serviceAccount.isEmpty()) {
            Formats.SUBDOMAIN_NAME.check(serviceAccount, false)
                    .forEach(msg -> errs.add(FieldError.invalid(path.child("serviceAccountName"), serviceAccount, msg)));
        }
        String nodeName = MetaValidation.str(s.nodeName());
        if (!nodeName.isEmpty()) {
            Formats.SUBDOMAIN_NAME.check(nodeName, false)
                    .forEach(msg -> errs.add(FieldError.invalid(path.child("nodeName"), nodeName, msg)));
        }
        Long deadline = s.activeDeadlineSeconds();
        if (deadline != null && (deadline < 1 || deadline > Integer.MAX_VALUE)) {
            errs.add(FieldError.invalid(path.child("activeDeadlineSeconds"), deadline,
                    Formats.inclusiveRangeError(1, Integer.MAX_VALUE)));
        }
        errs.addAll(optionalLabel(s.hostname(), path.child("hostname")));
        errs.addAll(optionalLabel(s.subdomain(), path.child("subdomain")));
        errs.addAll(tolerations(s.tolerations(), path.child("tolerations")));
        errs.addAll(topologySpreadConstraints(s.topologySpreadConstraints(), path.child("topologySpreadConstraints")));
        String priorityClass = MetaValidation.str(s.priorityClassName());
        if (!priorityClass.isEmpty()) {
            Formats.SUBDOMAIN_NAME.check(priorityClass, false)
                    .forEach(msg -> errs.add(FieldError.invalid(path.child("priorityClassName"), priorityClass, msg)));
        }
        if (isPod) {
            errs.addAll(imageWhitespace(s.containers(), path.child("containers")));
            errs.addAll(imageWhitespace(s.initContainers(), path.child("initContainers")));
        }
        return errs;
    }

    /**
     * The metadata and spec of a pod template: labels, annotations and the pod spec. Kubernetes reports template
     * labels at {@code spec.template.labels}, without {@code metadata}, and so do we.
     */
    static List<FieldError> template(PodTemplateSpec template, FieldPath path) {
        ObjectMeta meta = MetaValidation.orEmpty(template == null ? null : template.metadata());
        List<FieldError> errs = new ArrayList<>();
        errs.addAll(MetaValidation.labels(meta.labels(), path.child("labels")));
        errs.addAll(MetaValidation.annotations(meta.annotations(), path.child("annotations")));
        errs.addAll(podAnnotations(meta.annotations(), path.child("annotations")));
        errs.addAll(podSpec(template == null ? null : template.spec(), path.child("spec"), false));
        return errs;
    }

    /** Annotations with a meaning for pods: the deletion cost a ReplicaSet uses to pick victims is an int32. */
    static List<FieldError> podAnnotations(Map<String, String> annotations, FieldPath path) {
        String cost = annotations == null ? null : annotations.get(DELETION_COST_ANNOTATION);
        if (cost != null) {
            try {
                Integer.parseInt(cost);
            } catch (NumberFormatException e) {
                return List.of(FieldError.invalid(path.key(DELETION_COST_ANNOTATION), cost, "must be a 32bit integer"));
            }
        }
        return List.of();
    }

    private static List<FieldError> containers(List<Container> containers, Set<String> volumes, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        List<Container> list = MetaValidation.list(containers);
        if (list.isEmpty()) {
            errs.add(FieldError.required(path, ""));
            return errs;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Container c = list.get(i);
            FieldPath idx = path.index(i);
            errs.addAll(ContainerValidation.common(c, volumes, idx));
            if (!names.add(MetaValidation.str(c.name()))) {
                errs.add(FieldError.duplicate(idx.child("name"), MetaValidation.str(c.name())));
            }
            if (c.lifecycle() != null) {
                if (c.lifecycle().postStart() != null) {
                    errs.addAll(ContainerValidation.lifecycleHandler(c.lifecycle().postStart(), idx.child("lifecycle").child("postStart")));
                }
                if (c.lifecycle().preStop() != null) {
                    errs.addAll(ContainerValidation.lifecycleHandler(c.lifecycle().preStop(), idx.child("lifecycle").child("preStop")));
                }
            }
            errs.addAll(ContainerValidation.livenessProbe(c.livenessProbe(), idx.child("livenessProbe")));
            errs.addAll(ContainerValidation.readinessProbe(c.readinessProbe(), idx.child("readinessProbe")));
            errs.addAll(ContainerValidation.startupProbe(c.startupProbe(), idx.child("startupProbe")));
        }
        errs.addAll(hostPortConflicts(list, path, new HashSet<>()));
        return errs;
    }

    /**
     * Init containers run one after another, to completion, before the others start: names are unique across
     * both lists, host ports only need to be unique within one init container, and probes or lifecycle hooks make
     * no sense (Tugboat does not model restartable "sidecar" init containers).
     */
    private static List<FieldError> initContainers(List<Container> init, List<Container> regular, Set<String> volumes,
                                                   FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        MetaValidation.list(regular).forEach(c -> names.add(MetaValidation.str(c.name())));
        List<Container> list = MetaValidation.list(init);
        for (int i = 0; i < list.size(); i++) {
            Container c = list.get(i);
            FieldPath idx = path.index(i);
            errs.addAll(ContainerValidation.common(c, volumes, idx));
            String name = MetaValidation.str(c.name());
            if (names.contains(name)) {
                errs.add(FieldError.duplicate(idx.child("name"), name));
            } else if (!name.isEmpty()) {
                names.add(name);
            }
            errs.addAll(hostPortConflicts(List.of(c), path, new HashSet<>()));
            String forbidden = "may not be set for init containers without restartPolicy=Always";
            if (c.lifecycle() != null) {
                errs.add(FieldError.forbidden(idx.child("lifecycle"), forbidden));
            }
            if (c.livenessProbe() != null) {
                errs.add(FieldError.forbidden(idx.child("livenessProbe"), forbidden));
            }
            if (c.readinessProbe() != null) {
                errs.add(FieldError.forbidden(idx.child("readinessProbe"), forbidden));
            }
            if (c.startupProbe() != null) {
                errs.add(FieldError.forbidden(idx.child("startupProbe"), forbidden));
            }
        }
        return errs;
    }

    /**
     * Two containers binding the same host port (for the same protocol and host IP) cannot both start. Note the
     * index: Kubernetes reports the port at position i of the list it was given, so for init containers, checked
     * one at a time, the container index is always 0.
     */
    private static List<FieldError> hostPortConflicts(List<Container> containers, FieldPath path, Set<String> seen) {
        List<FieldError> errs = new ArrayList<>();
        for (int ci = 0; ci < containers.size(); ci++) {
            List<ContainerPort> ports = MetaValidation.list(containers.get(ci).ports());
            for (int pi = 0; pi < ports.size(); pi++) {
                ContainerPort p = ports.get(pi);
                int hostPort = ContainerValidation.intOrZero(p.hostPort());
                if (hostPort == 0) {
                    continue;
                }
                String key = MetaValidation.str(p.protocol()) + "/" + MetaValidation.str(p.hostIP()) + "/" + hostPort;
                if (!seen.add(key)) {
                    errs.add(FieldError.duplicate(path.index(ci).child("ports").index(pi).child("hostPort"), key));
                }
            }
        }
        return errs;
    }

    /** With the host's network, a container's port is a host port: the two numbers must agree. */
    private static List<FieldError> hostNetworkPorts(PodSpec spec, FieldPath path, boolean isPod) {
        List<FieldError> errs = new ArrayList<>();
        if (!MetaValidation.isTrue(spec.hostNetwork())) {
            return errs;
        }
        List<Container> containers = MetaValidation.list(spec.containers());
        for (int i = 0; i < containers.size(); i++) {
            List<ContainerPort> ports = MetaValidation.list(containers.get(i).ports());
            for (int j = 0; j < ports.size(); j++) {
                int hostPort = ContainerValidation.intOrZero(ports.get(j).hostPort());
                int containerPort = ContainerValidation.intOrZero(ports.get(j).containerPort());
                if ((isPod || hostPort != 0) && hostPort != containerPort) {
                    errs.add(FieldError.invalid(path.child("containers").index(i).child("ports").index(j).child("hostPort"),
                            hostPort, "must match `containerPort` when `hostNetwork` is true"));
                }
            }
        }
        return errs;
    }

    /** A required field with a fixed set of values, listed in Kubernetes' order in the message. */
    private static List<FieldError> enumerated(String value, List<String> supported, FieldPath path) {
        String v = MetaValidation.str(value);
        if (v.isEmpty()) {
            return List.of(FieldError.required(path, ""));
        }
        if (!supported.contains(v)) {
            return List.of(FieldError.notSupported(path, v, supported));
        }
        return List.of();
    }

    private static List<FieldError> optionalLabel(String value, FieldPath path) {
        String v = MetaValidation.str(value);
        List<FieldError> errs = new ArrayList<>();
        if (!v.isEmpty()) {
            Formats.dns1123Label(v).forEach(msg -> errs.add(FieldError.invalid(path, v, msg)));
        }
        return errs;
    }

    private static List<FieldError> imageWhitespace(List<Container> containers, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        List<Container> list = MetaValidation.list(containers);
        for (int i = 0; i < list.size(); i++) {
            String image = MetaValidation.str(list.get(i).image());
            if (!image.equals(image.strip())) {
                errs.add(FieldError.invalid(path.index(i).child("image"), image, "must not have leading or trailing whitespace"));
            }
        }
        return errs;
    }

    /**
     * Tolerations: an empty key matches every taint and so needs {@code Exists}; only NoExecute taints evict, so
     * only they can carry {@code tolerationSeconds}. Kubernetes reports a bad value under {@code operator}.
     */
    static List<FieldError> tolerations(List<Toleration> tolerations, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        List<Toleration> list = MetaValidation.list(tolerations);
        for (int i = 0; i < list.size(); i++) {
            Toleration t = list.get(i);
            FieldPath idx = path.index(i);
            String key = MetaValidation.str(t.key());
            String operator = MetaValidation.str(t.operator());
            String value = MetaValidation.str(t.value());
            String effect = MetaValidation.str(t.effect());
            if (!key.isEmpty()) {
                errs.addAll(MetaValidation.labelName(key, idx.child("key")));
            }
            if (key.isEmpty() && !operator.equals("Exists")) {
                errs.add(FieldError.invalid(idx.child("operator"), operator,
                        "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
            }
            if (t.tolerationSeconds() != null && !effect.equals("NoExecute")) {
                errs.add(FieldError.invalid(idx.child("effect"), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
            }
            switch (operator) {
                case "Equal", "" -> {
                    List<String> msgs = Formats.labelValue(value);
                    if (!msgs.isEmpty()) {
                        errs.add(FieldError.invalid(idx.child("operator"), value, String.join(";", msgs)));
                    }
                }
                case "Exists" -> {
                    if (!value.isEmpty()) {
                        errs.add(FieldError.invalid(idx.child("operator"), value, "value must be empty when `operator` is 'Exists'"));
                    }
                }
                default -> errs.add(FieldError.notSupported(idx.child("operator"), operator, TOLERATION_OPERATORS));
            }
            if (!effect.isEmpty() && !TAINT_EFFECTS.contains(effect)) {
                errs.add(FieldError.notSupported(idx.child("effect"), effect, TAINT_EFFECTS));
            }
        }
        return errs;
    }

    private static final List<String> SPREAD_ACTIONS = List.of("DoNotSchedule", "ScheduleAnyway");
    private static final List<String> NODE_INCLUSION_POLICIES = List.of("Honor", "Ignore");

    /**
     * Topology spread constraints, as {@code ValidateTopologySpreadConstraints}: a positive maxSkew, a topology
     * key, a known action, at most one constraint per {topologyKey, whenUnsatisfiable} pair (reported on the
     * first of the two, under that made-up field name), minDomains only positive and only with DoNotSchedule, and
     * matchLabelKeys only beside a labelSelector that does not already name the key.
     */
    static List<FieldError> topologySpreadConstraints(List<TopologySpreadConstraint> constraints, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        List<TopologySpreadConstraint> list = MetaValidation.list(constraints);
        for (int i = 0; i < list.size(); i++) {
            TopologySpreadConstraint c = list.get(i);
            FieldPath idx = path.index(i);
            int maxSkew = c.maxSkew() == null ? 0 : c.maxSkew();
            if (maxSkew <= 0) {
                errs.add(FieldError.invalid(idx.child("maxSkew"), maxSkew, "must be greater than zero"));
            }
            String key = MetaValidation.str(c.topologyKey());
            if (key.isEmpty()) {
                errs.add(FieldError.required(idx.child("topologyKey"), "can not be empty"));
            }
            String action = MetaValidation.str(c.whenUnsatisfiable());
            if (!SPREAD_ACTIONS.contains(action)) {
                errs.add(FieldError.notSupported(idx.child("whenUnsatisfiable"), action, SPREAD_ACTIONS));
            }
            for (TopologySpreadConstraint later : list.subList(i + 1, list.size())) {
                if (key.equals(MetaValidation.str(later.topologyKey()))
                        && action.equals(MetaValidation.str(later.whenUnsatisfiable()))) {
                    errs.add(FieldError.duplicate(idx.child("{topologyKey, whenUnsatisfiable}"),
                            "{" + key + ", " + action + "}"));
                    break;
                }
            }
            if (c.minDomains() != null) {
                if (c.minDomains() <= 0) {
                    errs.add(FieldError.invalid(idx.child("minDomains"), c.minDomains(), "must be greater than zero"));
                }
                if (!action.equals("DoNotSchedule")) {
                    errs.add(FieldError.invalid(idx.child("minDomains"), c.minDomains(),
                            "can only use minDomains if whenUnsatisfiable=DoNotSchedule, not " + action));
                }
            }
            for (String policy : new String[] {"nodeAffinityPolicy", "nodeTaintsPolicy"}) {
                String value = policy.equals("nodeAffinityPolicy") ? c.nodeAffinityPolicy() : c.nodeTaintsPolicy();
                if (value != null && !NODE_INCLUSION_POLICIES.contains(value)) {
                    errs.add(FieldError.notSupported(idx.child(policy), value, NODE_INCLUSION_POLICIES));
                }
            }
            errs.addAll(matchLabelKeys(c, idx.child("matchLabelKeys")));
            errs.addAll(LabelSelectors.validate(c.labelSelector(), idx.child("labelSelector")));
        }
        return errs;
    }

    private static List<FieldError> matchLabelKeys(TopologySpreadConstraint c, FieldPath path) {
        List<String> keys = MetaValidation.list(c.matchLabelKeys());
        if (keys.isEmpty()) {
            return List.of();
        }
        List<FieldError> errs = new ArrayList<>();
        java.util.Set<String> selectorKeys = new java.util.HashSet<>();
        if (c.labelSelector() == null) {
            errs.add(FieldError.forbidden(path, "must not be specified when labelSelector is not set"));
        } else {
            if (c.labelSelector().matchLabels() != null) {
                selectorKeys.addAll(c.labelSelector().matchLabels().keySet());
            }
            MetaValidation.list(c.labelSelector().matchExpressions()).forEach(r -> selectorKeys.add(r.key()));
        }
        for (int i = 0; i < keys.size(); i++) {
            String key = MetaValidation.str(keys.get(i));
            errs.addAll(MetaValidation.labelName(key, path.index(i)));
            if (selectorKeys.contains(key)) {
                errs.add(FieldError.invalid(path.index(i), key, "exists in both matchLabelKeys and labelSelector"));
            }
        }
        return errs;
    }

    static List<FieldError> affinity(Affinity affinity, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (affinity == null) {
            return errs;
        }
        NodeAffinity na = affinity.nodeAffinity();
        if (na != null) {
            FieldPath naPath = path.child("nodeAffinity");
            if (na.requiredDuringSchedulingIgnoredDuringExecution() != null) {
                errs.addAll(nodeSelector(na.requiredDuringSchedulingIgnoredDuringExecution(),
                        naPath.child("requiredDuringSchedulingIgnoredDuringExecution"), false));
            }
            List<PreferredSchedulingTerm> preferred = MetaValidation.list(na.preferredDuringSchedulingIgnoredDuringExecution());
            for (int i = 0; i < preferred.size(); i++) {
                FieldPath idx = naPath.child("preferredDuringSchedulingIgnoredDuringExecution").index(i);
                errs.addAll(weight(preferred.get(i).weight(), idx.child("weight")));
                // Preferred terms may use any label value: they can still match when the cluster has one node.
                errs.addAll(nodeSelectorTerm(preferred.get(i).preference(), idx.child("preference"), true));
            }
        }
        if (affinity.podAffinity() != null) {
            FieldPath p = path.child("podAffinity");
            errs.addAll(podAffinityTerms(affinity.podAffinity().requiredDuringSchedulingIgnoredDuringExecution(),
                    p.child("requiredDuringSchedulingIgnoredDuringExecution")));
            errs.addAll(weightedTerms(affinity.podAffinity().preferredDuringSchedulingIgnoredDuringExecution(),
                    p.child("preferredDuringSchedulingIgnoredDuringExecution")));
        }
        if (affinity.podAntiAffinity() != null) {
            FieldPath p = path.child("podAntiAffinity");
            errs.addAll(podAffinityTerms(affinity.podAntiAffinity().requiredDuringSchedulingIgnoredDuringExecution(),
                    p.child("requiredDuringSchedulingIgnoredDuringExecution")));
            errs.addAll(weightedTerms(affinity.podAntiAffinity().preferredDuringSchedulingIgnoredDuringExecution(),
                    p.child("preferredDuringSchedulingIgnoredDuringExecution")));
        }
        return errs;
    }

    static List<FieldError> nodeSelector(NodeSelector selector, FieldPath path, boolean allowInvalidValues) {
        List<NodeSelectorTerm> terms = MetaValidation.list(selector.nodeSelectorTerms());
        FieldPath termsPath = path.child("nodeSelectorTerms");
        if (terms.isEmpty()) {
            return List.of(FieldError.required(termsPath, "must have at least one node selector term"));
        }
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            errs.addAll(nodeSelectorTerm(terms.get(i), termsPath.index(i), allowInvalidValues));
        }
        return errs;
    }

    private static List<FieldError> nodeSelectorTerm(NodeSelectorTerm term, FieldPath path, boolean allowInvalidValues) {
        List<FieldError> errs = new ArrayList<>();
        if (term == null) {
            return errs;
        }
        List<NodeSelectorRequirement> expressions = MetaValidation.list(term.matchExpressions());
        for (int j = 0; j < expressions.size(); j++) {
            errs.addAll(nodeSelectorRequirement(expressions.get(j), path.child("matchExpressions").index(j), allowInvalidValues));
        }
        List<NodeSelectorRequirement> fields = MetaValidation.list(term.matchFields());
        for (int j = 0; j < fields.size(); j++) {
            errs.addAll(nodeFieldRequirement(fields.get(j), path.child("matchFields").index(j)));
        }
        return errs;
    }

    private static List<FieldError> nodeSelectorRequirement(NodeSelectorRequirement rq, FieldPath path, boolean allowInvalidValues) {
        List<FieldError> errs = new ArrayList<>();
        List<String> values = MetaValidation.list(rq.values());
        String operator = MetaValidation.str(rq.operator());
        switch (operator) {
            case "In", "NotIn" -> {
                if (values.isEmpty()) {
                    errs.add(FieldError.required(path.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
                }
            }
            case "Exists", "DoesNotExist" -> {
                if (!values.isEmpty()) {
                    errs.add(FieldError.forbidden(path.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                }
            }
            case "Gt", "Lt" -> {
                if (values.size() != 1) {
                    errs.add(FieldError.required(path.child("values"), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
                }
            }
            default -> errs.add(FieldError.invalid(path.child("operator"), operator, "not a valid selector operator"));
        }
        errs.addAll(MetaValidation.labelName(MetaValidation.str(rq.key()), path.child("key")));
        if (!allowInvalidValues) {
            for (int i = 0; i < values.size(); i++) {
                String v = MetaValidation.str(values.get(i));
                FieldPath p = path.child("values").index(i);
                Formats.labelValue(v).forEach(msg -> errs.add(FieldError.invalid(p, v, msg)));
            }
        }
        return errs;
    }

    /** {@code matchFields} can only select a node by {@code metadata.name}, one name at a time. */
    private static List<FieldError> nodeFieldRequirement(NodeSelectorRequirement rq, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        List<String> values = MetaValidation.list(rq.values());
        String operator = MetaValidation.str(rq.operator());
        if (operator.equals("In") || operator.equals("NotIn")) {
            if (values.size() != 1) {
                errs.add(FieldError.required(path.child("values"),
                        "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
            }
        } else {
            errs.add(FieldError.invalid(path.child("operator"), operator, "not a valid selector operator"));
        }
        String key = MetaValidation.str(rq.key());
        if (!key.equals("metadata.name")) {
            errs.add(FieldError.invalid(path.child("key"), key, "not a valid field selector key"));
        } else {
            for (int i = 0; i < values.size(); i++) {
                String v = MetaValidation.str(values.get(i));
                FieldPath p = path.child("values").index(i);
                Formats.SUBDOMAIN_NAME.check(v, false).forEach(msg -> errs.add(FieldError.invalid(p, v, msg)));
            }
        }
        return errs;
    }

    private static List<FieldError> weight(Integer weight, FieldPath path) {
        int w = ContainerValidation.intOrZero(weight);
        if (w <= 0 || w > 100) {
            return List.of(FieldError.invalid(path, w, "must be in the range 1-100"));
        }
        return List.of();
    }

    private static List<FieldError> podAffinityTerms(List<PodAffinityTerm> terms, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        List<PodAffinityTerm> list = MetaValidation.list(terms);
        for (int i = 0; i < list.size(); i++) {
            errs.addAll(podAffinityTerm(list.get(i), path.index(i)));
        }
        return errs;
    }

    private static List<FieldError> weightedTerms(List<WeightedPodAffinityTerm> terms, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        List<WeightedPodAffinityTerm> list = MetaValidation.list(terms);
        for (int i = 0; i < list.size(); i++) {
            errs.addAll(weight(list.get(i).weight(), path.index(i).child("weight")));
            PodAffinityTerm term = list.get(i).podAffinityTerm();
            errs.addAll(podAffinityTerm(term == null ? new PodAffinityTerm(null, null, null, null) : term,
                    path.index(i).child("podAffinityTerm")));
        }
        return errs;
    }

    /** Kubernetes reports a bad namespace name at {@code namespace} (singular, no index). */
    private static List<FieldError> podAffinityTerm(PodAffinityTerm term, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        errs.addAll(LabelSelectors.validate(term.labelSelector(), path.child("labelSelector")));
        errs.addAll(LabelSelectors.validate(term.namespaceSelector(), path.child("namespaceSelector")));
        for (String ns : MetaValidation.list(term.namespaces())) {
            String n = MetaValidation.str(ns);
            Formats.LABEL_NAME.check(n, false).forEach(msg -> errs.add(FieldError.invalid(path.child("namespace"), n, msg)));
        }
        String topologyKey = MetaValidation.str(term.topologyKey());
        if (topologyKey.isEmpty()) {
            errs.add(FieldError.required(path.child("topologyKey"), "can not be empty"));
        }
        errs.addAll(MetaValidation.labelName(topologyKey, path.child("topologyKey")));
        return errs;
    }

    private static PodSpec emptySpec() {
        return new PodSpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null);
    }

    /** Kubernetes' validatePodDNSConfig: at most 3 nameservers (IPs), 32 search domains in 2048 characters, named options. */
    static List<FieldError> dnsConfig(String policy, io.tugboat.api.core.PodDNSConfig config, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if ("None".equals(policy) && config == null) {
            errs.add(FieldError.required(path, "must provide `dnsConfig` when `dnsPolicy` is None"));
            return errs;
        }
        if (config == null) {
            return errs;
        }
        List<String> nameservers = config.nameservers() == null ? List.of() : config.nameservers();
        if ("None".equals(policy) && nameservers.isEmpty()) {
            errs.add(FieldError.required(path.child("nameservers"), "must provide at least one DNS nameserver when `dnsPolicy` is None"));
        }
        if (nameservers.size() > 3) {
            errs.add(FieldError.invalid(path.child("nameservers"), nameservers, "must not have more than 3 nameservers"));
        }
        for (int i = 0; i < nameservers.size(); i++) {
            if (nameservers.get(i) == null || !IpAddresses.isValid(nameservers.get(i))) {
                errs.add(FieldError.invalid(path.child("nameservers").index(i), nameservers.get(i), "must be valid IP address"));
            }
        }
        List<String> searches = config.searches() == null ? List.of() : config.searches();
        if (searches.size() > 32) {
            errs.add(FieldError.invalid(path.child("searches"), searches, "must not have more than 32 search paths"));
        }
        if (String.join(" ", searches).length() > 2048) {
            errs.add(FieldError.invalid(path.child("searches"), searches,
                    "must not have more than 2048 characters (including spaces) in the search list"));
        }
        for (int i = 0; i < searches.size(); i++) {
            String search = searches.get(i) == null ? "" : searches.get(i);
            String bare = search.endsWith(".") ? search.substring(0, search.length() - 1) : search;
            FieldPath at = path.child("searches").index(i);
            Formats.SUBDOMAIN_NAME.check(bare, false).forEach(msg -> errs.add(FieldError.invalid(at, search, msg)));
        }
        List<io.tugboat.api.core.PodDNSConfigOption> options = config.options() == null ? List.of() : config.options();
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i) == null || options.get(i).name() == null || options.get(i).name().isEmpty()) {
                errs.add(FieldError.required(path.child("options").index(i), "Option.Name must not be empty"));
            }
        }
        return errs;
    }
}
