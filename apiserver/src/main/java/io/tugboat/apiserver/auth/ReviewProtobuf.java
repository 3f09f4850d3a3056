package io.tugboat.apiserver.auth;

import io.tugboat.api.authorization.NonResourceAttributes;
import io.tugboat.api.authorization.ResourceAttributes;
import io.tugboat.api.authorization.SelfSubjectAccessReview;
import io.tugboat.api.authorization.SelfSubjectAccessReviewSpec;
import io.tugboat.api.authorization.SelfSubjectRulesReview;
import io.tugboat.api.authorization.SelfSubjectRulesReviewSpec;
import io.tugboat.api.authorization.SubjectAccessReview;
import io.tugboat.api.authorization.SubjectAccessReviewSpec;

/**
 * The three review kinds in Kubernetes' protobuf encoding, which kubectl's typed clients send for
 * {@code kubectl auth can-i}. Only the request fields are read (metadata and status are ignored, as the server
 * ignores them); the answer goes back as JSON, which those clients accept too. Field numbers are those of
 * {@code k8s.io/api/authorization/v1/generated.proto}:
 * <pre>
 *   SelfSubjectAccessReview  { 2: spec { 1: resourceAttributes, 2: nonResourceAttributes } }
 *   SubjectAccessReview      { 2: spec { 1: resourceAttributes, 2: nonResourceAttributes, 3: user, 4: groups*, 6: uid } }
 *   SelfSubjectRulesReview   { 2: spec { 1: namespace } }
 *   ResourceAttributes       { 1: namespace, 2: verb, 3: group, 4: version, 5: resource, 6: subresource, 7: name }
 *   NonResourceAttributes    { 1: path, 2: verb }
 * </pre>
 */
final class ReviewProtobuf {
    static final String CONTENT_TYPE = ProtobufMessage.CONTENT_TYPE;

    private ReviewProtobuf() {
    }

    static SelfSubjectAccessReview selfSubjectAccessReview(byte[] body) {
        ProtobufMessage spec = spec(body);
        return SelfSubjectAccessReview.of(null, new SelfSubjectAccessReviewSpec(resource(spec.message(1)),
                nonResource(spec.message(2))), null);
    }

    static SubjectAccessReview subjectAccessReview(byte[] body) {
        ProtobufMessage spec = spec(body);
        return SubjectAccessReview.of(null, new SubjectAccessReviewSpec(resource(spec.message(1)),
                nonResource(spec.message(2)), spec.string(3), spec.strings(4), null, spec.string(6)), null);
    }

    static SelfSubjectRulesReview selfSubjectRulesReview(byte[] body) {
        return SelfSubjectRulesReview.of(null, new SelfSubjectRulesReviewSpec(spec(body).string(1)), null);
    }

    private static ProtobufMessage spec(byte[] body) {
        ProtobufMessage spec = ProtobufMessage.ofKubernetesBody(body).message(2);
        return spec == null ? ProtobufMessage.parse(new byte[0]) : spec;
    }

    private static ResourceAttributes resource(ProtobufMessage m) {
        return m == null ? null : new ResourceAttributes(m.string(1), m.string(2), m.string(3), m.string(4), m.string(5),
                m.string(6), m.string(7));
    }

    private static NonResourceAttributes nonResource(ProtobufMessage m) {
        return m == null ? null : new NonResourceAttributes(m.string(1), m.string(2));
    }
}
