package io.tugboat.kubelet.hollow;

import io.tugboat.api.Codec;
import io.tugboat.api.DecodeException;
import io.tugboat.api.core.Pod;

/** Pods for the tests, written as the JSON a user would send. */
final class Pods {
    private Pods() {
    }

    /** A one-container pod in {@code default}, unbound, with the given requests ({@code null}: none). */
    static Pod pod(String name, String uid, String cpu, String memory) {
        String requests = cpu == null ? "{}" : """
                {"requests":{"cpu":"%s","memory":"%s"}}""".formatted(cpu, memory);
        return parse("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"default","uid":"%s","resourceVersion":"1"},
                 "spec":{"containers":[{"name":"web","image":"tugboat/busybox:1","resources":%s}]},
                 "status":{"phase":"Pending","qosClass":"Burstable"}}""".formatted(name, uid, requests));
    }

    /** A one-container pod with requests, as a user creates it: no uid, resourceVersion or status. */
    static Pod toCreate(String name, String cpu, String memory) {
        return parse("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"default"},
                 "spec":{"containers":[{"name":"web","image":"tugboat/busybox:1",
                   "resources":{"requests":{"cpu":"%s","memory":"%s"}}}]}}""".formatted(name, cpu, memory));
    }

    /** The pod bound to {@code node}. */
    static Pod bound(Pod pod, String node) {
        return pod.withSpec(pod.spec().withNodeName(node));
    }

    static Pod parse(String json) {
        try {
            return Codec.fromJson(json, Pod.class).value();
        } catch (DecodeException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
