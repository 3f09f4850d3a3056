package io.tugboat.apiserver.auth.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.rbac.RoleBinding;
import io.tugboat.api.rbac.RoleRef;
import io.tugboat.api.rbac.Subject;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RBAC objects as kubectl v1.32.4 sends them in protobuf, captured byte for byte. */
class RbacProtobufTest {
    /** {@code kubectl create rolebinding alice-view --clusterrole=view --user=alice -n team}. */
    static final byte[] CREATE_ROLEBINDING = HexFormat.of().parseHex("6b3873000a2b0a1c726261632e617574686f72697a6174696f6e2e"
            + "6b38732e696f2f7631120b526f6c6542696e64696e67127c0a1e0a0a616c6963652d7669657712001a047465616d22002a00320038"
            + "004200122a0a04557365721219726261632e617574686f72697a6174696f6e2e6b38732e696f1a05616c69636522001a2e0a1972"
            + "6261632e617574686f72697a6174696f6e2e6b38732e696f120b436c7573746572526f6c651a04766965771a002200");

    @Test
    void readsKubectlsRoleBinding() {
        RoleBinding binding = (RoleBinding) RbacProtobuf.decode(ResourceKinds.ROLE_BINDINGS, CREATE_ROLEBINDING).orElseThrow();
        assertEquals("alice-view", binding.metadata().name());
        assertEquals("team", binding.metadata().namespace());
        assertEquals(null, binding.metadata().generateName(), "an empty Go string is an absent field");
        assertEquals(List.of(new Subject("User", "rbac.authorization.k8s.io", "alice", null)), binding.subjects());
        assertEquals(new RoleRef("rbac.authorization.k8s.io", "ClusterRole", "view"), binding.roleRef());
    }

    @Test
    void otherKindsAreNotItsBusiness() {
        assertTrue(RbacProtobuf.decode(ResourceKinds.PODS, CREATE_ROLEBINDING).isEmpty());
    }
}
