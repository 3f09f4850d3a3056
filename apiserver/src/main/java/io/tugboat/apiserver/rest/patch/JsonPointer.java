package io.tugboat.apiserver.rest.patch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An RFC 6901 JSON Pointer, split into its reference tokens.
 *
 * <p>{@code ""} points at the whole document; {@code "/a/b"} at member {@code b} of member
 * {@code a}. Because {@code /} separates tokens, a member name containing {@code /} or {@code ~} is
 * written escaped: {@code ~1} for {@code /} and {@code ~0} for {@code ~}. The order of unescaping
 * matters — {@code "~01"} is the name {@code "~1"}, not {@code "/"} — so {@code ~1} is replaced
 * first, exactly as the RFC says.
 *
 * @param text   the pointer as written in the patch, kept for error messages
 * @param tokens the unescaped reference tokens; empty for the whole document
 */
record JsonPointer(String text, List<String> tokens) {

    JsonPointer {
        tokens = List.copyOf(tokens);
    }

    /**
     * Parses a pointer.
     *
     * @throws PatchException (422, as Kubernetes answers for any operation it cannot apply) when
     *                        the text is not a pointer: it does not start with {@code /}, or has a
     *                        {@code ~} not followed by {@code 0} or {@code 1}
     */
    static JsonPointer parse(String text) throws PatchException {
        if (text.isEmpty()) {
            return new JsonPointer(text, Collections.emptyList());
        }
        if (text.charAt(0) != '/') {
            throw PatchException.notApplicable("JSON pointer \"%s\" must be empty or start with '/'", text);
        }
        List<String> tokens = new ArrayList<>();
        for (String raw : text.substring(1).split("/", -1)) {
            for (int i = raw.indexOf('~'); i >= 0; i = raw.indexOf('~', i + 1)) {
                if (i + 1 >= raw.length() || (raw.charAt(i + 1) != '0' && raw.charAt(i + 1) != '1')) {
                    throw PatchException.notApplicable(
                            "JSON pointer \"%s\" has '~' not followed by '0' or '1'", text);
                }
            }
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return new JsonPointer(text, tokens);
    }

    boolean isRoot() {
        return tokens.isEmpty();
    }

    /** The pointer to the container holding the target; undefined for the root. */
    JsonPointer parent() {
        return new JsonPointer(text.substring(0, text.lastIndexOf('/')), tokens.subList(0, tokens.size() - 1));
    }

    /** The last reference token: a member name or an array index. */
    String last() {
        return tokens.get(tokens.size() - 1);
    }

    /** Whether this pointer is a proper prefix of {@code other}, i.e. points at one of its ancestors. */
    boolean isProperPrefixOf(JsonPointer other) {
        return tokens.size() < other.tokens.size() && other.tokens.subList(0, tokens.size()).equals(tokens);
    }

    @Override
    public String toString() {
        return text;
    }
}
