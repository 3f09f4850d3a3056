package io.tugboat.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.tugboat.api.Codec;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A short, readable description of what an update changed, appended to "may not change" messages.
 *
 * <p>Kubernetes appends the output of Go's {@code cmp.Diff} there, which cannot be reproduced outside Go; Tugboat
 * prints one {@code -}/{@code +} pair per changed top-level field instead:
 * <pre>
 * - restartPolicy: "Always"
 * + restartPolicy: "Never"
 * </pre>
 */
final class SpecDiff {

    private SpecDiff() {
    }

    static String of(Object oldValue, Object newValue) {
        JsonNode before = oldValue == null ? NullNode.getInstance() : Codec.toTree(oldValue);
        JsonNode after = newValue == null ? NullNode.getInstance() : Codec.toTree(newValue);
        Set<String> fields = new LinkedHashSet<>();
        before.fieldNames().forEachRemaining(fields::add);
        after.fieldNames().forEachRemaining(fields::add);
        StringBuilder out = new StringBuilder();
        for (String field : fields) {
            JsonNode b = before.get(field);
            JsonNode a = after.get(field);
            if (Semantic.equal(b, a)) {
                continue;
            }
            out.append("\n- ").append(field).append(": ").append(b == null ? "null" : GoFormat.json(b));
            out.append("\n+ ").append(field).append(": ").append(a == null ? "null" : GoFormat.json(a));
        }
        return out.toString();
    }
}
