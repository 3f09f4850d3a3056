/**
 * Label selectors: how Kubernetes objects find each other.
 *
 * <h2>Why selectors</h2>
 * Labels are small key/value pairs on an object's metadata ({@code app=web}, {@code tier=frontend}).
 * Nothing in Kubernetes points at a set of objects by name; it describes the set with a
 * <em>selector</em> over labels, and membership is re-evaluated all the time. That is what makes the
 * control loops level-triggered: a ReplicaSet does not remember which Pods it made, it counts the Pods
 * its selector matches right now. The same mechanism appears everywhere:
 * <ul>
 *   <li>a ReplicaSet, Deployment, StatefulSet, DaemonSet or Job selects the Pods it owns
 *       ({@code spec.selector}, a {@code LabelSelector});</li>
 *   <li>a Service selects the Pods that back it ({@code spec.selector}, plain {@code matchLabels});</li>
 *   <li>{@code kubectl get pods -l app=web} and every list or watch call with
 *       {@code ?labelSelector=...} filter on the API server;</li>
 *   <li>node affinity and pod affinity select nodes and pods, adding the numeric {@code Gt} and
 *       {@code Lt} operators.</li>
 * </ul>
 *
 * <h2>The pieces</h2>
 * A {@link io.tugboat.api.labels.Selector} is the AND of {@link io.tugboat.api.labels.Requirement}s;
 * each requirement is a key, an {@link io.tugboat.api.labels.Operator} and a set of values.
 * {@link io.tugboat.api.labels.LabelSyntax} holds the syntax rules for keys and values with
 * Kubernetes' error wording. There is no OR: to select {@code a} or {@code b} put both values in
 * one {@code in} requirement.
 *
 * <h2>Operators, with {@code labels = {app: web, tier: cache}}</h2>
 * <pre>
 *   query             operator        matches when                              example result
 *   app=web           EQUALS          the label exists and equals the value     true
 *   app==web          DOUBLE_EQUALS   same as =                                 true
 *   app!=db           NOT_EQUALS      the label is absent OR has another value  true
 *   env!=prod         NOT_EQUALS      (absent counts as "not equal")            true
 *   tier in (a,cache) IN              the label exists and is one of the values true
 *   env notin (prod)  NOT_IN          the label is absent OR is none of them    true
 *   tier              EXISTS          the label exists, any value               true
 *   !canary           DOES_NOT_EXIST  the label is absent                       true
 *   gen&gt;3            GREATER_THAN    the label exists and is an integer &gt; 3    false (no gen label)
 *   gen&lt;3            LESS_THAN       the label exists and is an integer &lt; 3    false
 * </pre>
 * The negative operators are the ones that surprise: {@code env!=prod} selects every object that
 * has no {@code env} label at all. To require the label and exclude a value, combine them:
 * {@code env,env!=prod}.
 *
 * <h2>Two spellings of one idea</h2>
 * In query strings ({@code -l}, {@code ?labelSelector=}) a selector is text, parsed by
 * {@link io.tugboat.api.labels.Selector#parse}. In API objects it is a {@code LabelSelector} with
 * {@code matchLabels} (each entry an {@code =}) and {@code matchExpressions} whose operators are
 * spelled {@code In}, {@code NotIn}, {@code Exists}, {@code DoesNotExist}; it becomes a
 * {@code Selector} through {@link io.tugboat.api.labels.Selector#of(java.util.Map, java.util.List)}
 * and {@link io.tugboat.api.labels.Operator#fromApiName}. An empty {@code LabelSelector} selects
 * everything; an absent one, where Kubernetes allows that, selects nothing.
 *
 * <p>Mirrors {@code k8s.io/apimachinery/pkg/labels} ({@code selector.go}) and
 * {@code LabelSelectorAsSelector} from {@code pkg/apis/meta/v1/helpers.go}. Field selectors, the
 * other filter on list and watch calls, are in {@link io.tugboat.api.fields}.
 */
package io.tugboat.api.labels;
