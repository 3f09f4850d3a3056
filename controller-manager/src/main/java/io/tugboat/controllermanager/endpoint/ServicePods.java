package io.tugboat.controllermanager.endpoint;

import io.tugboat.api.IntOrString;
import io.tugboat.api.core.Container;
import io.tugboat.api.core.ContainerPort;
import io.tugboat.api.core.ObjectReference;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.Service;
import io.tugboat.api.core.ServicePort;
import io.tugboat.api.core.ServiceSpec;
import io.tugboat.api.labels.Selector;
import io.tugboat.controllermanager.common.Pods;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The rules the endpoints and EndpointSlice controllers share about which pods back a Service and how:
 * Kubernetes' {@code pkg/controller/util/endpoint} and {@code endpointslice/util}. Pure functions of their
 * arguments.
 */
public final class ServicePods {
    private ServicePods() {
    }

    /**
     * Whether the controllers maintain endpoints for this Service at all. Not for a Service without selector
     * (its Endpoints are written by hand or by another controller) nor for an ExternalName Service (a DNS alias
     * has no backends), as in Kubernetes. An empty selector counts as none: Kubernetes stores {@code {}} and
     * absent alike.
     */
    public static boolean isManaged(Service service) {
        ServiceSpec spec = service.spec();
        return spec != null && spec.selector() != null && !spec.selector().isEmpty()
                && !"ExternalName".equals(spec.type());
    }

    /** The label selector of a managed Service. */
    public static Selector selector(Service service) {
        return Selector.of(service.spec().selector(), null);
    }

    /** Whether the Service's selector picks the pod: same namespace, labels matching. */
    public static boolean selects(Service service, Pod pod) {
        return isManaged(service)
                && service.metadata().namespace().equals(pod.metadata().namespace())
                && selector(service).matches(labels(pod));
    }

    /**
     * {@code ShouldPodBeInEndpoints}: a pod belongs in endpoints once it has an IP and until it has finished;
     * a terminating pod (deletionTimestamp set) only when {@code includeTerminating}. The endpoints controller
     * passes the Service's {@code publishNotReadyAddresses}, the EndpointSlice controller {@code true} (slices mark
     * such endpoints {@code terminating} instead).
     */
    public static boolean belongsInEndpoints(Pod pod, boolean includeTerminating) {
        if (Pods.isFinished(pod)) {
            return false;
        }
        if (pod.status() == null || pod.status().podIP() == null || pod.status().podIP().isEmpty()) {
            return false;
        }
        return includeTerminating || pod.metadata().deletionTimestamp() == null;
    }

    /** Whether the pod is Ready (its Ready condition is True). */
    public static boolean isReady(Pod pod) {
        return Pods.isReady(pod);
    }

    /**
     * {@code FindPort}: the pod's port number for a Service port. A numeric targetPort is that number; a named
     * one is the containerPort of the first container port with that name and the Service port's protocol,
     * which may differ from pod to pod; empty when the pod has no such port (the pod is then left out for this
     * Service port).
     */
    public static OptionalInt targetPort(Pod pod, ServicePort port) {
        IntOrString target = port.targetPort();
        if (target == null) {
            return port.port() == null ? OptionalInt.empty() : OptionalInt.of(port.port());
        }
        if (target.isInt()) {
            return OptionalInt.of(target.intValue());
        }
        String protocol = port.protocol() == null ? "TCP" : port.protocol();
        if (pod.spec() != null && pod.spec().containers() != null) {
            for (Container container : pod.spec().containers()) {
                if (container.ports() == null) {
                    continue;
                }
                for (ContainerPort cp : container.ports()) {
                    String cpProtocol = cp.protocol() == null ? "TCP" : cp.protocol();
                    if (target.strValue().equals(cp.name()) && protocol.equals(cpProtocol) && cp.containerPort() != null) {
                        return OptionalInt.of(cp.containerPort());
                    }
                }
            }
        }
        return OptionalInt.empty();
    }

    /**
     * {@code ShouldSetHostname}: the pod's {@code spec.hostname} is published (and so gets a DNS name
     * {@code <hostname>.<service>.<ns>.svc...}) when its {@code spec.subdomain} names this Service. StatefulSet
     * pods get both from their controller.
     */
    public static String hostname(Pod pod, Service service) {
        if (pod.spec() == null || pod.spec().hostname() == null || pod.spec().hostname().isEmpty()) {
            return null;
        }
        boolean sameNamespace = service.metadata().namespace().equals(pod.metadata().namespace());
        return sameNamespace && service.metadata().name().equals(pod.spec().subdomain()) ? pod.spec().hostname() : null;
    }

    /** The reference from an endpoint to the pod behind it. */
    public static ObjectReference targetRef(Pod pod) {
        return new ObjectReference("Pod", pod.metadata().namespace(), pod.metadata().name(), pod.metadata().uid(),
                null, null, null);
    }

    /** The node the pod runs on, or {@code null}. */
    public static String nodeName(Pod pod) {
        String node = pod.spec() == null ? null : pod.spec().nodeName();
        return node == null || node.isEmpty() ? null : node;
    }

    /** Whether the Service is headless ({@code clusterIP: None}). */
    public static boolean isHeadless(Service service) {
        return service.spec() != null && "None".equals(service.spec().clusterIP());
    }

    private static Map<String, String> labels(Pod pod) {
        return pod.metadata().labels() == null ? Map.of() : pod.metadata().labels();
    }
}
