package io.tugboat.api.validation;

import static io.tugboat.api.validation.Causes.DNS_SUBDOMAIN;
import static io.tugboat.api.validation.Causes.LABEL_VALUE;
import static io.tugboat.api.validation.Causes.forbidden;
import static io.tugboat.api.validation.Causes.invalid;
import static io.tugboat.api.validation.Causes.notSupported;
import static io.tugboat.api.validation.Causes.required;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.defaulting.Defaulter;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.StatusCause;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Deployments, ReplicaSets, DaemonSets and StatefulSets ({@code pkg/apis/apps/validation}). */
class AppsValidationTest {

    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: default, resourceVersion: '1'}
            spec:
              replicas: 3
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers: [{name: web, image: 'tugboat/web:1.0'}]
            """;
    static final String REPLICA_SET = DEPLOYMENT.replace("kind: Deployment", "kind: ReplicaSet");
    static final String DAEMON_SET = DEPLOYMENT.replace("kind: Deployment", "kind: DaemonSet").replace("  replicas: 3\n", "");
    static final String STATEFUL_SET = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: default, resourceVersion: '1'}
            spec:
              serviceName: db
              replicas: 3
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec:
                  containers: [{name: db, image: 'tugboat/db:1'}]
            """;
    private static final String MISMATCH = "`selector` does not match template `labels`";
    private static final String PERCENT = "a valid percent string must be a numeric string followed by an ending '%' "
            + "(e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

    static Stream<Case> deployments() {
        String rolling = "spec.strategy.rollingUpdate";
        return Stream.of(
                Case.of("a deployment with matching selector and template is valid", DEPLOYMENT, "{}"),
                Case.of("a deployment name is a DNS subdomain", DEPLOYMENT, "metadata: {name: Web}",
                        invalid("metadata.name", "\"Web\": " + DNS_SUBDOMAIN)),
                Case.of("a forgotten selector is required and so matches nothing", DEPLOYMENT, "spec: {selector: null}",
                        required("spec.selector"),
                        invalid("spec.template.metadata.labels", "{\"app\":\"web\"}: " + MISMATCH)),
                Case.of("the selector must select the template's pods", DEPLOYMENT, "spec: {selector: {matchLabels: {app: api}}}",
                        invalid("spec.template.metadata.labels", "{\"app\":\"web\"}: " + MISMATCH)),
                Case.of("a set-based selector may select the template", DEPLOYMENT,
                        "spec: {selector: {matchLabels: null, matchExpressions: [{key: app, operator: In, values: [web, api]}]}}"),
                Case.of("an empty selector would adopt every pod", DEPLOYMENT, "spec: {selector: {matchLabels: null}}",
                        invalid("spec.selector", "{}: empty selector is invalid for deployment")),
                Case.of("a malformed selector hides the template from validation", DEPLOYMENT,
                        "spec: {selector: {matchLabels: null, matchExpressions: [{key: app, operator: Has, values: [web]}]}}",
                        invalid("spec.selector.matchExpressions[0].operator", "\"Has\": not a valid selector operator"),
                        invalid("spec.selector", "{\"matchExpressions\":[{\"key\":\"app\",\"operator\":\"Has\",\"values\":[\"web\"]}]}: "
                                + "invalid label selector")),
                Case.of("replicas may not be negative", DEPLOYMENT, "spec: {replicas: -1}",
                        invalid("spec.replicas", "-1: must be greater than or equal to 0")),
                Case.of("a deployment's pods restart always", DEPLOYMENT, "spec: {template: {spec: {restartPolicy: Never}}}",
                        notSupported("spec.template.spec.restartPolicy", "\"Never\": supported values: \"Always\"")),
                Case.of("a deployment's pods have no deadline", DEPLOYMENT, "spec: {template: {spec: {activeDeadlineSeconds: 60}}}",
                        forbidden("spec.template.spec.activeDeadlineSeconds", "activeDeadlineSeconds in ReplicaSet is not Supported")),
                Case.of("the template's pod spec is validated under its own path", DEPLOYMENT,
                        "spec: {template: {spec: {containers: [{name: web}]}}}",
                        required("spec.template.spec.containers[0].image")),
                Case.of("template labels are reported without metadata in the path", DEPLOYMENT,
                        "spec: {template: {metadata: {labels: {app: web, tier: 'front end'}}}}",
                        invalid("spec.template.labels", "\"front end\": " + LABEL_VALUE)),
                Case.of("a strategy is Recreate or RollingUpdate", DEPLOYMENT, "spec: {strategy: {type: BlueGreen}}",
                        notSupported("spec.strategy", "{\"Type\":\"BlueGreen\",\"RollingUpdate\":null}: supported values: "
                                + "\"Recreate\", \"RollingUpdate\"")),
                Case.of("a Recreate strategy has no rolling update", DEPLOYMENT,
                        "spec: {strategy: {type: Recreate, rollingUpdate: {maxSurge: 1}}}",
                        forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'")),
                Case.of("a rollout must be able to move", DEPLOYMENT, "spec: {strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}}",
                        invalid(rolling + ".maxUnavailable", "0: may not be 0 when `maxSurge` is 0")),
                Case.of("a budget is a number or a percentage", DEPLOYMENT, "spec: {strategy: {rollingUpdate: {maxSurge: 25percent}}}",
                        invalid(rolling + ".maxSurge", "\"25percent\": " + PERCENT)),
                Case.of("a budget is not negative", DEPLOYMENT, "spec: {strategy: {rollingUpdate: {maxSurge: -1}}}",
                        invalid(rolling + ".maxSurge", "-1: must be greater than or equal to 0")),
                Case.of("no more than all pods may be unavailable", DEPLOYMENT, "spec: {strategy: {rollingUpdate: {maxUnavailable: 120%}}}",
                        invalid(rolling + ".maxUnavailable", "\"120%\": must not be greater than 100%")),
                Case.of("the revision history is not negative", DEPLOYMENT, "spec: {revisionHistoryLimit: -1}",
                        invalid("spec.revisionHistoryLimit", "-1: must be greater than or equal to 0")),
                Case.of("progress cannot be judged before pods count as available", DEPLOYMENT,
                        "spec: {minReadySeconds: 30, progressDeadlineSeconds: 30}",
                        invalid("spec.progressDeadlineSeconds", "30: must be greater than minReadySeconds")));
    }

    static Stream<Case> replicaSets() {
        return Stream.of(
                Case.of("a replica set with matching selector and template is valid", REPLICA_SET, "{}"),
                Case.of("a replica set needs a selector", REPLICA_SET, "spec: {selector: null}",
                        required("spec.selector"),
                        invalid("spec.template.metadata.labels", "{\"app\":\"web\"}: " + MISMATCH)),
                Case.of("an empty replica set selector is refused, in the deployment's words", REPLICA_SET, "spec: {selector: {matchLabels: null}}",
                        invalid("spec.selector", "{}: empty selector is invalid for deployment")),
                Case.of("a replica set's pods restart always", REPLICA_SET, "spec: {template: {spec: {restartPolicy: OnFailure}}}",
                        notSupported("spec.template.spec.restartPolicy", "\"OnFailure\": supported values: \"Always\"")));
    }

    static Stream<Case> daemonSets() {
        String rolling = "spec.updateStrategy.rollingUpdate";
        return Stream.of(
                Case.of("a daemon set with matching selector and template is valid", DAEMON_SET, "{}"),
                Case.of("a daemon set without selector only fails to match", DAEMON_SET, "spec: {selector: null}",
                        invalid("spec.template.metadata.labels", "{\"app\":\"web\"}: " + MISMATCH)),
                Case.of("an empty daemon set selector is refused", DAEMON_SET, "spec: {selector: {matchLabels: null}}",
                        invalid("spec.selector", "{}: empty selector is invalid for daemonset")),
                Case.of("an update strategy is RollingUpdate or OnDelete", DAEMON_SET, "spec: {updateStrategy: {type: Canary}}",
                        notSupported("spec.updateStrategy", "{\"Type\":\"Canary\",\"RollingUpdate\":null}: supported values: "
                                + "\"RollingUpdate\", \"OnDelete\"")),
                Case.of("an OnDelete daemon set is valid", DAEMON_SET, "spec: {updateStrategy: {type: OnDelete}}"),
                Case.of("a daemon set rollout must remove or surge", DAEMON_SET,
                        "spec: {updateStrategy: {rollingUpdate: {maxUnavailable: 0, maxSurge: 0}}}",
                        required(rolling + ".maxUnavailable", "cannot be 0 when maxSurge is 0")),
                Case.of("a daemon set rollout either removes or surges, not both", DAEMON_SET,
                        "spec: {updateStrategy: {rollingUpdate: {maxUnavailable: 1, maxSurge: 1}}}",
                        invalid(rolling + ".maxSurge", "1: may not be set when maxUnavailable is non-zero")),
                Case.of("a daemon set's pods have no deadline", DAEMON_SET, "spec: {template: {spec: {activeDeadlineSeconds: 60}}}",
                        forbidden("spec.template.spec.activeDeadlineSeconds", "activeDeadlineSeconds in DaemonSet is not Supported")));
    }

    static Stream<Case> statefulSets() {
        String rolling = "spec.updateStrategy.rollingUpdate";
        return Stream.of(
                Case.of("a stateful set with matching selector and template is valid", STATEFUL_SET, "{}"),
                Case.of("a stateful set name is a DNS label, since pods are named after it", STATEFUL_SET, "metadata: {name: db.primary}",
                        invalid("metadata.name", "\"db.primary\": must not contain dots")),
                Case.of("pods are managed in order or in parallel", STATEFUL_SET, "spec: {podManagementPolicy: Random}",
                        invalid("spec.podManagementPolicy", "\"Random\": must be 'OrderedReady' or 'Parallel'")),
                Case.of("an update strategy is RollingUpdate or OnDelete", STATEFUL_SET, "spec: {updateStrategy: {type: Canary}}",
                        invalid("spec.updateStrategy", "{\"Type\":\"Canary\",\"RollingUpdate\":null}: must be 'RollingUpdate' or 'OnDelete'")),
                Case.of("an OnDelete strategy has no rolling update", STATEFUL_SET,
                        "spec: {updateStrategy: {type: OnDelete, rollingUpdate: {partition: 1}}}",
                        invalid(rolling, "{\"Partition\":1,\"MaxUnavailable\":null}: only allowed for updateStrategy 'RollingUpdate'")),
                Case.of("a partition is not negative", STATEFUL_SET, "spec: {updateStrategy: {rollingUpdate: {partition: -1}}}",
                        invalid(rolling + ".partition", "-1: must be greater than or equal to 0")),
                Case.of("a stateful set rollout takes down at least one pod", STATEFUL_SET,
                        "spec: {updateStrategy: {rollingUpdate: {maxUnavailable: 0}}}",
                        invalid(rolling + ".maxUnavailable", "0: cannot be 0")),
                Case.of("claims are retained or deleted", STATEFUL_SET, "spec: {persistentVolumeClaimRetentionPolicy: {whenDeleted: Keep}}",
                        notSupported("spec.persistentVolumeClaimRetentionPolicy.whenDeleted", "\"Keep\": supported values: \"Retain\", \"Delete\"")),
                Case.of("an empty stateful set selector is refused", STATEFUL_SET, "spec: {selector: {matchLabels: null}}",
                        invalid("spec.selector", "{}: empty selector is invalid for statefulset")),
                Case.of("a stateful set's pods restart always", STATEFUL_SET, "spec: {template: {spec: {restartPolicy: Never}}}",
                        notSupported("spec.template.spec.restartPolicy", "\"Never\": supported values: \"Always\"")),
                Case.of("the template's pod spec is not validated, as in Kubernetes", STATEFUL_SET,
                        "spec: {template: {spec: {containers: [{name: Bad_Name}]}}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"deployments", "replicaSets", "daemonSets", "statefulSets"})
    void validatesWorkloadsLikeKubernetes(Case c) {
        assertEquals(c.expected(), c.actual());
    }

    record Update(String name, String stored, String patch, List<StatusCause> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Update> updates() {
        String selectorChange = "spec: {selector: {matchLabels: {app: web2}}, template: {metadata: {labels: {app: web2}}}}";
        return Stream.of(
                new Update("a deployment may be scaled and get a new image", DEPLOYMENT,
                        "spec: {replicas: 5, template: {spec: {containers: [{name: web, image: 'tugboat/web:1.1'}]}}}", List.of()),
                new Update("a deployment's selector is immutable", DEPLOYMENT, selectorChange,
                        List.of(invalid("spec.selector", "{\"matchLabels\":{\"app\":\"web2\"}}: field is immutable"))),
                new Update("a replica set's selector is immutable", REPLICA_SET, selectorChange,
                        List.of(invalid("spec.selector", "{\"matchLabels\":{\"app\":\"web2\"}}: field is immutable"))),
                new Update("a daemon set's selector is immutable", DAEMON_SET, selectorChange,
                        List.of(invalid("spec.selector", "{\"matchLabels\":{\"app\":\"web2\"}}: field is immutable"))),
                new Update("a stateful set may be scaled", STATEFUL_SET, "spec: {replicas: 5}", List.of()),
                new Update("a stateful set's service name is frozen", STATEFUL_SET, "spec: {serviceName: db-headless}",
                        List.of(forbidden("spec", "updates to statefulset spec for fields other than 'replicas', 'ordinals', "
                                + "'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updates")
    void validatesWorkloadUpdatesLikeKubernetes(Update u) {
        KubernetesObject old = Defaulter.apply(Manifests.decode(u.stored()));
        KubernetesObject updated = Defaulter.apply(Manifests.patched(u.stored(), u.patch()));
        assertEquals(u.expected(), Validator.validateUpdate(updated, old));
    }
}
