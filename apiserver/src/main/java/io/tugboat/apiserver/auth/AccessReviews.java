package io.tugboat.apiserver.auth;

import io.tugboat.api.Codec;
import io.tugboat.api.authorization.NonResourceAttributes;
import io.tugboat.api.authorization.NonResourceRule;
import io.tugboat.api.authorization.ResourceAttributes;
import io.tugboat.api.authorization.ResourceRule;
import io.tugboat.api.authorization.SelfSubjectAccessReview;
import io.tugboat.api.authorization.SelfSubjectRulesReview;
import io.tugboat.api.authorization.SelfSubjectRulesReviewSpec;
import io.tugboat.api.authorization.SubjectAccessReview;
import io.tugboat.api.authorization.SubjectAccessReviewSpec;
import io.tugboat.api.authorization.SubjectAccessReviewStatus;
import io.tugboat.api.authorization.SubjectRulesReviewStatus;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.rbac.PolicyRule;
import io.tugboat.apiserver.rest.ApiError;
import io.tugboat.apiserver.rest.ApiRequest;
import io.tugboat.apiserver.rest.ApiResponse;
import io.tugboat.apiserver.rest.Bodies;
import io.tugboat.apiserver.rest.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The authorization.k8s.io/v1 reviews: questions put to the server's authorizer, answered in the returned object's
 * status and never stored (Kubernetes' {@code pkg/registry/authorization}).
 *
 * <pre>
 *   POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews   may I?          (kubectl auth can-i)
 *   POST /apis/authorization.k8s.io/v1/selfsubjectrulesreviews    what may I?     (kubectl auth can-i --list)
 *   POST /apis/authorization.k8s.io/v1/subjectaccessreviews       may this user?  (kubectl auth can-i --as=...)
 * </pre>
 *
 * The caller must itself be allowed to {@code create} the review resource, which the request's own authorization
 * already checked (every authenticated user has it for the self reviews, through {@code system:basic-user}).
 */
public final class AccessReviews {
    public static final String GROUP = "authorization.k8s.io";

    private final Authorizer authorizer;
    private final BiFunction<UserInfo, String, List<PolicyRule>> rulesFor;

    /**
     * @param authorizer the server's authorizer chain
     * @param rulesFor   the rules a user has in a namespace, for SelfSubjectRulesReview (RBAC's)
     */
    public AccessReviews(Authorizer authorizer, BiFunction<UserInfo, String, List<PolicyRule>> rulesFor) {
        this.authorizer = authorizer;
        this.rulesFor = rulesFor;
    }

    /** Serves {@code /apis/authorization.k8s.io/v1/<resource>}. */
    public Reply handle(ApiRequest request, String version, List<String> rest) {
        if (!version.equals("v1") || rest.size() != 1) {
            throw ApiError.notFound("the server could not find the requested resource");
        }
        if (!request.method().equals("POST")) {
            throw ApiError.methodNotAllowed("the server does not allow this method on the requested resource");
        }
        UserInfo user = request.user() == null ? UserInfo.UNSECURED : request.user();
        return switch (rest.get(0)) {
            case "selfsubjectaccessreviews" -> selfAccess(request, user);
            case "subjectaccessreviews" -> subjectAccess(request);
            case "selfsubjectrulesreviews" -> selfRules(request, user);
            default -> throw ApiError.notFound("the server could not find the requested resource");
        };
    }

    private Reply selfAccess(ApiRequest request, UserInfo user) {
        SelfSubjectAccessReview review = protobuf(request) ? ReviewProtobuf.selfSubjectAccessReview(request.body())
                : Bodies.decode(request, SelfSubjectAccessReview.class).value();
        if (review.spec() == null) {
            throw ApiError.badRequest("SelfSubjectAccessReview.authorization.k8s.io is invalid: spec: Required value");
        }
        SubjectAccessReviewStatus status = decide(user, review.spec().resourceAttributes(),
                review.spec().nonResourceAttributes(), "SelfSubjectAccessReview");
        return created(review.withMetadata(meta(review.metadata())).withStatus(status));
    }

    private Reply subjectAccess(ApiRequest request) {
        SubjectAccessReview review = protobuf(request) ? ReviewProtobuf.subjectAccessReview(request.body())
                : Bodies.decode(request, SubjectAccessReview.class).value();
        SubjectAccessReviewSpec spec = review.spec();
        if (spec == null || ((spec.user() == null || spec.user().isEmpty()) && (spec.groups() == null || spec.groups().isEmpty()))) {
            throw ApiError.badRequest("SubjectAccessReview.authorization.k8s.io is invalid: spec.user: Invalid value: "
                    + "\"\": at least one of user or group must be specified");
        }
        List<String> groups = spec.groups() == null ? List.of() : spec.groups();
        UserInfo subject = new UserInfo(spec.user() == null ? "" : spec.user(), spec.uid(), groups,
                spec.extra() == null ? Map.of() : spec.extra());
        SubjectAccessReviewStatus status = decide(subject, spec.resourceAttributes(), spec.nonResourceAttributes(),
                "SubjectAccessReview");
        return created(review.withMetadata(meta(review.metadata())).withStatus(status));
    }

    private SubjectAccessReviewStatus decide(UserInfo user, ResourceAttributes resource, NonResourceAttributes nonResource,
                                             String kind) {
        if ((resource == null) == (nonResource == null)) {
            throw ApiError.badRequest(kind + ".authorization.k8s.io is invalid: spec.resourceAttributes: Invalid value: "
                    + "\"null\": exactly one of nonResourceAttributes or resourceAttributes must be specified");
        }
        RequestAttributes attributes = resource != null
                ? RequestAttributes.resource(user, str(resource.verb()), str(resource.group()), str(resource.version()),
                        str(resource.resource()), str(resource.subresource()), str(resource.namespace()), str(resource.name()))
                : RequestAttributes.nonResource(user, str(nonResource.verb()), str(nonResource.path()));
        Decision decision;
        try {
            decision = authorizer.authorize(attributes);
        } catch (RuntimeException e) {
            return new SubjectAccessReviewStatus(false, null, null, e.getMessage());
        }
        return new SubjectAccessReviewStatus(decision.allowed(),
                decision.verdict() == Decision.Verdict.DENY ? Boolean.TRUE : null,
                decision.reason().isEmpty() ? null : decision.reason(), null);
    }

    private Reply selfRules(ApiRequest request, UserInfo user) {
        SelfSubjectRulesReview review = protobuf(request) ? ReviewProtobuf.selfSubjectRulesReview(request.body())
                : Bodies.decode(request, SelfSubjectRulesReview.class).value();
        SelfSubjectRulesReviewSpec spec = review.spec();
        String namespace = spec == null || spec.namespace() == null ? "" : spec.namespace();
        List<ResourceRule> resourceRules = new ArrayList<>();
        List<NonResourceRule> nonResourceRules = new ArrayList<>();
        if (user.inGroup(UserInfo.MASTERS)) {
            // What the chain allows before asking any authorizer, as Kubernetes' privileged-group rules.
            resourceRules.add(new ResourceRule(List.of("*"), List.of("*"), List.of("*"), null));
            nonResourceRules.add(new NonResourceRule(List.of("*"), List.of("*")));
        }
        for (PolicyRule rule : rulesFor.apply(user, namespace)) {
            if (rule.nonResourceURLs() != null && !rule.nonResourceURLs().isEmpty()) {
                nonResourceRules.add(new NonResourceRule(rule.verbs(), rule.nonResourceURLs()));
            } else {
                resourceRules.add(new ResourceRule(rule.verbs(), rule.apiGroups(), rule.resources(), rule.resourceNames()));
            }
        }
        // Kubelets are answered by the Node authorizer, which cannot list its rules: say the list is incomplete.
        boolean incomplete = user.nodeName() != null;
        SubjectRulesReviewStatus status = new SubjectRulesReviewStatus(resourceRules, nonResourceRules, incomplete,
                incomplete ? "node authorizer does not support user rule resolution" : null);
        return created(review.withMetadata(meta(review.metadata())).withStatus(status));
    }

    /** kubectl's typed clients send protobuf; the answer is JSON, which they accept too. */
    private static boolean protobuf(ApiRequest request) {
        return request.contentType().equals(ReviewProtobuf.CONTENT_TYPE);
    }

    private static ObjectMeta meta(ObjectMeta meta) {
        return meta != null ? meta : new ObjectMeta(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    private static Reply created(Object body) {
        return ApiResponse.json(201, Codec.toJson(body));
    }

    private static String str(String s) {
        return s == null ? "" : s;
    }
}
