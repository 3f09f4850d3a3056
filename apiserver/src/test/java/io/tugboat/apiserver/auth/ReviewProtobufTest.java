package io.tugboat.apiserver.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tugboat.api.authorization.ResourceAttributes;
import io.tugboat.api.authorization.SelfSubjectAccessReview;
import io.tugboat.apiserver.rest.ApiError;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The protobuf review bodies kubectl sends, as captured from kubectl v1.32.4. */
class ReviewProtobufTest {
    /** {@code kubectl auth can-i list pods -n team}: 120 bytes, byte for byte. */
    static final byte[] CAN_I_LIST_PODS = HexFormat.of().parseHex("6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f"
            + "2f7631121753656c665375626a656374416363657373526576696577123a0a100a0012001a0022002a00320038004200121c0a1a0a04"
            + "7465616d12046c6973741a0022002a04706f647332003a001a08080012001a0020001a002200");

    @Test
    void readsTheResourceAttributesOfKubectlsSelfSubjectAccessReview() {
        SelfSubjectAccessReview review = ReviewProtobuf.selfSubjectAccessReview(CAN_I_LIST_PODS);
        assertEquals(new ResourceAttributes("team", "list", "", "", "pods", "", ""), review.spec().resourceAttributes());
        assertNull(review.spec().nonResourceAttributes());
    }

    @Test
    void aBodyWithoutTheK8sPrefixOrTruncatedIsABadRequest() {
        assertEquals(400, assertThrows(ApiError.class, () -> ReviewProtobuf.selfSubjectAccessReview(new byte[] {1, 2, 3, 4, 5}))
                .code());
        byte[] truncated = java.util.Arrays.copyOf(CAN_I_LIST_PODS, 60);
        assertEquals(400, assertThrows(ApiError.class, () -> ReviewProtobuf.selfSubjectAccessReview(truncated)).code());
    }
}
