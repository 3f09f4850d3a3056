package io.tugboat.api.defaulting;

import io.tugboat.api.apps.DaemonSet;
import io.tugboat.api.apps.Deployment;
import io.tugboat.api.apps.ReplicaSet;
import io.tugboat.api.apps.StatefulSet;
import io.tugboat.api.batch.CronJob;
import io.tugboat.api.batch.Job;
import io.tugboat.api.core.Endpoints;
import io.tugboat.api.core.Namespace;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.PersistentVolume;
import io.tugboat.api.core.PersistentVolumeClaim;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.Secret;
import io.tugboat.api.core.Service;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.discovery.EndpointSlice;
import io.tugboat.api.storage.StorageClass;

/**
 * Fills in what a user may leave out, exactly as Kubernetes does, so that {@code kubectl get -o yaml} on Tugboat
 * shows the same object it would on a real cluster: {@code restartPolicy: Always}, {@code imagePullPolicy},
 * {@code strategy.rollingUpdate.maxSurge: 25%} and the rest.
 *
 * <p>Contract:
 * <ul>
 *   <li>Returns a new record; the argument is never changed (records are immutable anyway).</li>
 *   <li>Only absent fields are filled; a value the user gave is kept, even an invalid one (validation, which
 *       runs next, reports it).</li>
 *   <li>Idempotent: {@code apply(apply(x)).equals(apply(x))}. The API server may default an object more than
 *       once (on create, and again whenever it is read back from storage).</li>
 *   <li>Kinds without defaults (ConfigMap, Event, Lease, Binding...) come back unchanged.</li>
 * </ul>
 */
public final class Defaulter {

    private Defaulter() {
    }

    /** The object with Kubernetes' defaults applied. */
    @SuppressWarnings("unchecked")
    public static <T extends KubernetesObject> T apply(T object) {
        return (T) defaulted(object);
    }

    private static KubernetesObject defaulted(KubernetesObject object) {
        if (object instanceof Pod pod) {
            return PodDefaults.pod(pod);
        } else if (object instanceof Service service) {
            return ServiceDefaults.service(service);
        } else if (object instanceof Secret secret) {
            return CoreDefaults.secret(secret);
        } else if (object instanceof Namespace namespace) {
            return CoreDefaults.namespace(namespace);
        } else if (object instanceof PersistentVolume pv) {
            return CoreDefaults.persistentVolume(pv);
        } else if (object instanceof PersistentVolumeClaim pvc) {
            return CoreDefaults.persistentVolumeClaim(pvc);
        } else if (object instanceof Node node) {
            return CoreDefaults.node(node);
        } else if (object instanceof Endpoints endpoints) {
            return CoreDefaults.endpoints(endpoints);
        } else if (object instanceof EndpointSlice slice) {
            return CoreDefaults.endpointSlice(slice);
        } else if (object instanceof StorageClass storageClass) {
            return CoreDefaults.storageClass(storageClass);
        } else if (object instanceof Deployment deployment) {
            return WorkloadDefaults.deployment(deployment);
        } else if (object instanceof ReplicaSet replicaSet) {
            return WorkloadDefaults.replicaSet(replicaSet);
        } else if (object instanceof StatefulSet statefulSet) {
            return WorkloadDefaults.statefulSet(statefulSet);
        } else if (object instanceof DaemonSet daemonSet) {
            return WorkloadDefaults.daemonSet(daemonSet);
        } else if (object instanceof Job job) {
            return WorkloadDefaults.job(job);
        } else if (object instanceof CronJob cronJob) {
            return WorkloadDefaults.cronJob(cronJob);
        }
        return object;
    }
}
