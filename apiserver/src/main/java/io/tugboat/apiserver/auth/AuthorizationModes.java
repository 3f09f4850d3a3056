package io.tugboat.apiserver.auth;

import io.tugboat.api.ResourceKind;
import io.tugboat.apiserver.registry.Registry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The authorizers {@code --authorization-mode} can name, as kube-apiserver's: a comma list, asked in order, the
 * first ALLOW or DENY deciding ({@link Authorizer#chain}). Each mode is a {@link Factory} that builds its authorizer
 * once the API server's registries exist, so that authorizers needing cluster state (RBAC's roles and bindings,
 * the node authorizer's graph of pods and nodes) read it from the watch caches.
 *
 * <p><b>Adding a mode</b> is one line in {@link #builtIn()}: {@code modes.put(RBAC, RbacAuthorizer::new)} for a class
 * with a constructor taking a {@link Context}. Programs embedding the API server (tests) can also pass an
 * authorizer directly: {@code ApiServer.withAuthorizer(Authorizer)} or {@code withAuthorizerFactory(Factory)}.
 */
public final class AuthorizationModes {
    public static final String ALWAYS_ALLOW = "AlwaysAllow";
    public static final String ALWAYS_DENY = "AlwaysDeny";
    public static final String RBAC = "RBAC";
    public static final String NODE = "Node";

    /**
     * What an authorizer may read when it is built.
     *
     * @param registries the API server's registry (and watch cache) of every kind
     */
    public record Context(Map<ResourceKind<?>, Registry> registries) {
    }

    /** Builds one mode's authorizer, once, when the API server starts. */
    @FunctionalInterface
    public interface Factory {
        Authorizer create(Context context);
    }

    private AuthorizationModes() {
    }

    /** Every mode this API server knows, by the name {@code --authorization-mode} uses. */
    public static Map<String, Factory> builtIn() {
        Map<String, Factory> modes = new LinkedHashMap<>();
        modes.put(ALWAYS_ALLOW, context -> Authorizer.ALWAYS_ALLOW);
        // Kubernetes' AlwaysDeny has no opinion, which the server turns into a 403 when nothing else allows.
        modes.put(ALWAYS_DENY, context -> attributes -> Decision.noOpinion(""));
        // Kubelets, by the graph of pods bound to them and the objects those pods use (auth.node).
        modes.put(NODE, context -> io.tugboat.apiserver.auth.node.NodeAuthorizer.forRegistries(context.registries()));
        // Roles and bindings, read from the watch caches (auth.rbac).
        modes.put(RBAC, context -> io.tugboat.apiserver.auth.rbac.RbacAuthorizer.forRegistries(context.registries()));
        return modes;
    }

    /**
     * The factories of {@code names}, in order.
     *
     * @throws IllegalArgumentException naming the unknown mode and the known ones
     */
    public static List<Factory> resolve(List<String> names) {
        Map<String, Factory> known = builtIn();
        List<Factory> factories = new ArrayList<>();
        for (String name : names) {
            Factory factory = known.get(name.strip());
            if (factory == null) {
                throw new IllegalArgumentException("authorization-mode \"" + name.strip() + "\" is not supported; "
                        + "supported modes: " + String.join(", ", known.keySet()));
            }
            factories.add(factory);
        }
        return factories;
    }
}
