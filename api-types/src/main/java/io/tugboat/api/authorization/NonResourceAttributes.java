package io.tugboat.api.authorization;


/**
 * A non-resource request to ask about ({@code kubectl auth can-i get /healthz}).
 */
public record NonResourceAttributes(
        String path,
        String verb) {
    public NonResourceAttributes withPath(String path) {
        return new NonResourceAttributes(path, verb);
    }

    public NonResourceAttributes withVerb(String verb) {
        return new NonResourceAttributes(path, verb);
    }
}
