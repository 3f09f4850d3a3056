package io.tugboat.kubectl.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.ResourceKind;
import io.tugboat.kubectl.cli.CliException;
import io.tugboat.kubectl.resource.Kinds;

/**
 * Where a manifest's object lives: its kind, its namespace (the manifest's, else {@code -n}/the context's;
 * a manifest naming another namespace than an explicit {@code -n} is refused, as kubectl does) and its name.
 * The namespace is written into the object, as kubectl's resource builder does before sending it.
 */
public record ObjectTarget(ResourceKind<?> kind, String namespace, String name) {

    public static ObjectTarget of(ObjectNode object, String defaultNamespace, boolean namespaceGiven) {
        ResourceKind<?> kind = Kinds.of(object);
        JsonNode metadata = object.path("metadata");
        String name = metadata.path("name").asText("");
        String namespace = null;
        if (kind.namespaced()) {
            String own = metadata.path("namespace").asText("");
            if (!own.isEmpty() && namespaceGiven && !own.equals(defaultNamespace)) {
                throw new CliException("the namespace from the provided object \"" + own + "\" does not match the namespace \""
                        + defaultNamespace + "\". You must pass '--namespace=" + own + "' to perform this operation.");
            }
            namespace = own.isEmpty() ? defaultNamespace : own;
            object.with("metadata").put("namespace", namespace);
        }
        return new ObjectTarget(kind, namespace, name);
    }

    /** {@code deployment.apps/web}. */
    public String display() {
        return Kinds.qualified(kind) + "/" + name;
    }
}
