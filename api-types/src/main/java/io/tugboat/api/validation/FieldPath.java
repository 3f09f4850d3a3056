package io.tugboat.api.validation;

import java.util.Objects;

/**
 * The path of a field inside an object, printed the way Kubernetes prints it in the {@code field} of a
 * {@code StatusCause}: {@code spec.containers[0].image}, {@code metadata.labels}, {@code data[tls.crt]}.
 *
 * <pre>{@code
 * FieldPath.root("spec").child("containers").index(0).child("image")   // spec.containers[0].image
 * FieldPath.root("spec").child("resources").key("storage")              // spec.resources[storage]
 * }</pre>
 *
 * <p>Paths are immutable values: every step returns a new path and shares its parent, so a validator can hand the
 * same prefix to many children. This mirrors apimachinery's {@code field.Path}; note that a map key is printed
 * inside brackets without quotes, exactly as Kubernetes does.
 */
public final class FieldPath {

    private final FieldPath parent;
    private final String name;
    private final String bracket;

    private FieldPath(FieldPath parent, String name, String bracket) {
        this.parent = parent;
        this.name = name;
        this.bracket = bracket;
    }

    /** A path starting at a top-level field, with optional further children: {@code root("spec", "template")}. */
    public static FieldPath root(String name, String... moreNames) {
        FieldPath path = new FieldPath(null, Objects.requireNonNull(name, "name"), null);
        return path.child(moreNames);
    }

    /** This path followed by one or more field names. */
    public FieldPath child(String name, String... moreNames) {
        return new FieldPath(this, Objects.requireNonNull(name, "name"), null).child(moreNames);
    }

    private FieldPath child(String[] names) {
        FieldPath path = this;
        for (String n : names) {
            path = new FieldPath(path, Objects.requireNonNull(n, "name"), null);
        }
        return path;
    }

    /** This path followed by a list index: {@code containers[2]}. */
    public FieldPath index(int index) {
        return new FieldPath(this, null, Integer.toString(index));
    }

    /** This path followed by a map key: {@code labels[app]}. */
    public FieldPath key(String key) {
        return new FieldPath(this, null, Objects.requireNonNull(key, "key"));
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        write(out);
        return out.toString();
    }

    private void write(StringBuilder out) {
        if (parent != null) {
            parent.write(out);
        }
        if (bracket != null) {
            out.append('[').append(bracket).append(']');
        } else {
            if (parent != null) {
                out.append('.');
            }
            out.append(name);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
