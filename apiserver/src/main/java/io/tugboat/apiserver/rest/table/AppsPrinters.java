package io.tugboat.apiserver.rest.table;

import static io.tugboat.apiserver.rest.table.Formats.count;
import static io.tugboat.apiserver.rest.table.Formats.list;

import io.tugboat.api.apps.ControllerRevision;
import io.tugboat.api.apps.DaemonSet;
import io.tugboat.api.apps.DaemonSetStatus;
import io.tugboat.api.apps.Deployment;
import io.tugboat.api.apps.DeploymentStatus;
import io.tugboat.api.apps.ReplicaSet;
import io.tugboat.api.apps.StatefulSet;
import io.tugboat.api.core.Container;
import io.tugboat.api.core.PodTemplateSpec;
import io.tugboat.api.meta.OwnerReference;
import io.tugboat.api.meta.TableColumnDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Printers of the workload kinds of the apps group. */
final class AppsPrinters {
    private AppsPrinters() {
    }

    private static final TableColumnDefinition CONTAINERS =
            Columns.wide(Columns.string("Containers", "Names of the containers of the pod template."));
    private static final TableColumnDefinition IMAGES =
            Columns.wide(Columns.string("Images", "Images of the containers of the pod template."));
    private static final TableColumnDefinition SELECTOR =
            Columns.wide(Columns.string("Selector", "The label selector of the pods managed."));

    /** {@code NAME READY UP-TO-DATE AVAILABLE AGE}, READY as {@code ready/desired}. */
    static final RowPrinter<Deployment> DEPLOYMENTS = RowPrinter.of(
            List.of(Columns.name(),
                    Columns.string("Ready", "Ready pods out of the desired replicas."),
                    Columns.string("Up-to-date", "Pods running the latest pod template."),
                    Columns.string("Available", "Pods ready for at least minReadySeconds."),
                    Columns.age(), CONTAINERS, IMAGES, SELECTOR),
            (deployment, now) -> {
                DeploymentStatus status = deployment.status();
                Integer desired = deployment.spec() == null ? null : deployment.spec().replicas();
                PodTemplateSpec template = deployment.spec() == null ? null : deployment.spec().template();
                return withContainers(List.of(
                        Formats.name(deployment),
                        count(status == null ? null : status.readyReplicas()) + "/" + count(desired),
                        count(status == null ? null : status.updatedReplicas()),
                        count(status == null ? null : status.availableReplicas()),
                        Formats.age(deployment, now)),
                        template,
                        Formats.selector(deployment.spec() == null ? null : deployment.spec().selector()));
            });

    /** {@code NAME DESIRED CURRENT READY AGE}. */
    static final RowPrinter<ReplicaSet> REPLICA_SETS = RowPrinter.of(
            List.of(Columns.name(),
                    Columns.integer("Desired", "The desired number of pods."),
                    Columns.integer("Current", "The number of pods created."),
                    Columns.integer("Ready", "The number of ready pods."),
                    Columns.age(), CONTAINERS, IMAGES, SELECTOR),
            (rs, now) -> withContainers(List.of(
                    Formats.name(rs),
                    count(rs.spec() == null ? null : rs.spec().replicas()),
                    count(rs.status() == null ? null : rs.status().replicas()),
                    count(rs.status() == null ? null : rs.status().readyReplicas()),
                    Formats.age(rs, now)),
                    rs.spec() == null ? null : rs.spec().template(),
                    Formats.formatSelector(rs.spec() == null ? null : rs.spec().selector())));

    /** {@code NAME READY AGE}, READY as {@code ready/desired}. */
    static final RowPrinter<StatefulSet> STATEFUL_SETS = RowPrinter.of(
            List.of(Columns.name(), Columns.string("Ready", "Ready pods out of the desired replicas."), Columns.age(),
                    CONTAINERS, IMAGES),
            (sts, now) -> {
                List<Container> containers = Formats.containers(sts.spec() == null ? null : sts.spec().template());
                return List.of(
                        Formats.name(sts),
                        count(sts.status() == null ? null : sts.status().readyReplicas()) + "/"
                                + count(sts.spec() == null ? null : sts.spec().replicas()),
                        Formats.age(sts, now),
                        Formats.containerNames(containers),
                        Formats.images(containers));
            });

    /** {@code NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE}. */
    static final RowPrinter<DaemonSet> DAEMON_SETS = RowPrinter.of(
            List.of(Columns.name(),
                    Columns.integer("Desired", "Nodes that should run the daemon pod."),
                    Columns.integer("Current", "Nodes running at least one daemon pod."),
                    Columns.integer("Ready", "Nodes whose daemon pod is ready."),
                    Columns.integer("Up-to-date", "Nodes running the latest pod template."),
                    Columns.integer("Available", "Nodes whose daemon pod has been ready for minReadySeconds."),
                    Columns.string("Node Selector", "The node selector of the pod template."),
                    Columns.age(), CONTAINERS, IMAGES, SELECTOR),
            (ds, now) -> {
                DaemonSetStatus status = ds.status();
                PodTemplateSpec template = ds.spec() == null ? null : ds.spec().template();
                return withContainers(List.of(
                        Formats.name(ds),
                        count(status == null ? null : status.desiredNumberScheduled()),
                        count(status == null ? null : status.currentNumberScheduled()),
                        count(status == null ? null : status.numberReady()),
                        count(status == null ? null : status.updatedNumberScheduled()),
                        count(status == null ? null : status.numberAvailable()),
                        Formats.labels(template == null || template.spec() == null ? null
                                : template.spec().nodeSelector()),
                        Formats.age(ds, now)),
                        template,
                        Formats.formatSelector(ds.spec() == null ? null : ds.spec().selector()));
            });

    /** {@code NAME CONTROLLER REVISION AGE}; CONTROLLER as {@code daemonset.apps/name}. */
    static final RowPrinter<ControllerRevision> CONTROLLER_REVISIONS = RowPrinter.of(
            List.of(Columns.name(),
                    Columns.string("Controller", "The object that owns and manages the revision."),
                    Columns.string("Revision", "The revision number."),
                    Columns.age()),
            (revision, now) -> List.of(
                    Formats.name(revision),
                    controller(revision),
                    revision.revision() == null ? 0L : revision.revision(),
                    Formats.age(revision, now)));

    /** The row, then the wide CONTAINERS, IMAGES and SELECTOR cells of a workload. */
    private static List<Object> withContainers(List<Object> cells, PodTemplateSpec template, String selector) {
        List<Container> containers = Formats.containers(template);
        List<Object> all = new ArrayList<>(cells);
        all.add(Formats.containerNames(containers));
        all.add(Formats.images(containers));
        all.add(selector);
        return all;
    }

    private static String controller(ControllerRevision revision) {
        for (OwnerReference owner : list(Formats.metadata(revision).ownerReferences())) {
            if (Boolean.TRUE.equals(owner.controller())) {
                String apiVersion = Formats.text(owner.apiVersion());
                int slash = apiVersion.indexOf('/');
                String group = slash < 0 ? "" : apiVersion.substring(0, slash);
                String kind = group.isEmpty() ? Formats.text(owner.kind()) : owner.kind() + "." + group;
                return kind.toLowerCase(Locale.ROOT) + "/" + Formats.text(owner.name());
            }
        }
        return Formats.NONE;
    }
}
