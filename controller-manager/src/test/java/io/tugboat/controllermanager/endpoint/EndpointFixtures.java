package io.tugboat.controllermanager.endpoint;

import io.tugboat.api.Codec;
import io.tugboat.api.DecodeException;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.Service;
import java.nio.charset.StandardCharsets;

/** Pods and Services for the endpoint deciders' tables, written as the JSON a user would write. */
final class EndpointFixtures {
    private EndpointFixtures() {
    }

    /**
     * A pod labelled app=web on node-1 with {@code ip} ({@code null}: none yet), Ready or not, whose one
     * container has the port {@code portName} = {@code portNumber} ({@code portName} null: no ports).
     */
    static Pod pod(String name, String ip, boolean ready, String portName, int portNumber) {
        String ports = portName == null ? "" : ",\"ports\":[{\"name\":\"%s\",\"containerPort\":%d}]".formatted(portName, portNumber);
        String status = ip == null ? "{\"phase\":\"Pending\"}" : """
                {"phase":"Running","podIP":"%s","conditions":[{"type":"Ready","status":"%s"}]}"""
                .formatted(ip, ready ? "True" : "False");
        return decode("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"default","uid":"uid-%s","labels":{"app":"web"}},
                 "spec":{"nodeName":"node-1","containers":[{"name":"c","image":"busybox"%s}]},"status":%s}"""
                .formatted(name, name, ports, status), Pod.class);
    }

    /** A Service {@code web} selecting app=web; {@code specJson} is the rest of its spec. */
    static Service service(String specJson) {
        return decode("""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"default","uid":"uid-svc","labels":{"tier":"front"}},
                 "spec":{"selector":{"app":"web"}%s}}""".formatted(specJson.isEmpty() ? "" : "," + specJson), Service.class);
    }

    static <T> T decode(String json, Class<T> type) {
        try {
            return Codec.fromJson(json.getBytes(StandardCharsets.UTF_8), type).value();
        } catch (DecodeException e) {
            throw new IllegalStateException(e);
        }
    }
}
