package io.tugboat.controllermanager.nodeipam;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Node;
import io.tugboat.api.labels.Selector;
import io.tugboat.client.ApiException;
import io.tugboat.client.ObjectClient;
import io.tugboat.client.controller.ControllerRunner;
import io.tugboat.client.controller.EventRecorder;
import io.tugboat.client.controller.ReconcileResult;
import io.tugboat.client.controller.Reconciler;
import io.tugboat.client.informer.Lister;
import io.tugboat.client.informer.ResourceEventHandler;
import io.tugboat.client.informer.SharedInformer;
import io.tugboat.controllermanager.Controller;
import io.tugboat.controllermanager.ControllerContext;
import io.tugboat.controllermanager.RunnerController;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every Node without one a {@code spec.podCIDR} from the cluster range (see the package doc). Keys are node
 * names. Level-triggered: a reconcile first takes, from the lister, every range Nodes already hold — so a range is
 * never handed out twice, even right after a restart — then allocates for this node if it has none.
 */
public final class NodeIpamController implements Reconciler {
    private static final Logger log = LoggerFactory.getLogger(NodeIpamController.class);

    /** The controller's name in {@code --controllers}. */
    public static final String NAME = "node-ipam-controller";
    /** How soon a node is looked at again when the range is full. */
    static final Duration FULL_RETRY = Duration.ofSeconds(30);

    private final Lister<Node> nodes;
    private final ObjectClient<Node> client;
    private final EventRecorder events;
    private final CidrSet cidrs;
    /** What this controller handed out and has not seen on the Node yet, or saw last: node name → range. */
    private final Map<String, String> assigned = new HashMap<>();

    public NodeIpamController(Lister<Node> nodes, ObjectClient<Node> client, EventRecorder events, CidrSet cidrs) {
        this.nodes = nodes;
        this.client = client;
        this.events = events;
        this.cidrs = cidrs;
    }

    /** Runs only with {@code --allocate-node-cidrs}; otherwise does nothing, as in Kubernetes. */
    public static Controller create(ControllerContext context) {
        NodeIpamOptions options = context.options().nodeIpam();
        if (!options.allocateNodeCidrs()) {
            return Controller.NOTHING;
        }
        SharedInformer<Node> informer = context.informers().informerFor(ResourceKinds.NODES);
        NodeIpamController controller = new NodeIpamController(informer.lister(),
                context.client().resources(ResourceKinds.NODES), context.recorder("node-ipam-controller"),
                new CidrSet(options.clusterCidr(), options.nodeCidrMaskSize()));
        ControllerRunner runner = ControllerRunner.builder(NAME, controller)
                .workers(1)
                .clock(context.clock())
                .watches(informer::hasSynced, enqueue -> informer.addEventHandler(ResourceEventHandler.forKeys(enqueue)))
                .build();
        return new RunnerController(runner);
    }

    @Override
    public synchronized ReconcileResult reconcile(String name) throws ApiException {
        occupyExisting();
        Optional<Node> found = nodes.get(name);
        if (found.isEmpty()) {
            String freed = assigned.remove(name);
            if (freed != null) {
                cidrs.release(freed);
                log.info("Node {} is gone; released {}", name, freed);
            }
            return ReconcileResult.done();
        }
        Node node = found.get();
        String current = node.spec() == null ? null : node.spec().podCIDR();
        if (current != null && !current.isEmpty()) {
            assigned.put(name, current);
            return ReconcileResult.done();
        }
        String cidr = assigned.get(name);
        if (cidr == null) {
            Optional<String> next = cidrs.allocateNext();
            if (next.isEmpty()) {
                events.event(node, EventRecorder.WARNING, "CIDRNotAvailable",
                        "Node %s status is now: CIDRNotAvailable", name);
                return ReconcileResult.requeueAfter(FULL_RETRY);
            }
            cidr = next.get();
            assigned.put(name, cidr);
        }
        try {
            client.mergePatch(name, "{\"spec\":{\"podCIDR\":\"" + cidr + "\",\"podCIDRs\":[\"" + cidr + "\"]}}");
        } catch (ApiException.NotFoundException e) {
            cidrs.release(assigned.remove(name));
            return ReconcileResult.done();
        } catch (ApiException e) {
            cidrs.release(assigned.remove(name));
            events.event(node, EventRecorder.WARNING, "CIDRAssignmentFailed",
                    "Node %s status is now: CIDRAssignmentFailed", name);
            throw e;
        }
        log.info("Node {}: podCIDR {}", name, cidr);
        events.event(node, EventRecorder.NORMAL, "CIDRAssigned", "Assigned pod CIDR %s", cidr);
        return ReconcileResult.done();
    }

    /** Every range a Node holds is taken, whoever set it; Tugboat's own in-flight ones stay taken too. */
    private void occupyExisting() {
        for (Node node : nodes.list(Selector.everything())) {
            String cidr = node.spec() == null ? null : node.spec().podCIDR();
            if (cidr != null && !cidr.isEmpty()) {
                cidrs.occupy(cidr);
                assigned.putIfAbsent(node.metadata().name(), cidr);
            }
        }
    }
}
