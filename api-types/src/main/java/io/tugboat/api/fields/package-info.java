/**
 * Field selectors: filtering objects by the values of a few well-known fields.
 *
 * <p>Where a {@linkplain io.tugboat.api.labels label selector} looks at labels that users attach
 * freely, a field selector looks at the object itself: {@code metadata.name},
 * {@code metadata.namespace}, and a handful of kind-specific fields such as a Pod's
 * {@code spec.nodeName} and {@code status.phase}, or an Event's {@code involvedObject.name}. They
 * travel in the {@code fieldSelector} query parameter of list and watch calls and in
 * {@code kubectl get --field-selector}. The most important user in a cluster is the kubelet: it
 * watches {@code pods?fieldSelector=spec.nodeName=<its node>} so that each node only ever hears
 * about its own pods, and the API server serves that from an index rather than a scan.
 *
 * <h2>Semantics</h2>
 * A {@link io.tugboat.api.fields.FieldSelector} is the AND of its terms, and there are only two
 * kinds of term:
 * <pre>
 *   term               matches when
 *   status.phase=Running    the field equals the value ("==" is another spelling of "=")
 *   status.phase!=Running   the field differs from the value, or the object lacks the field
 * </pre>
 * A missing field reads as the empty string: {@code spec.nodeName=} selects unscheduled pods, and
 * {@code spec.nodeName!=} selects scheduled ones. There are no sets, no existence tests, no
 * ordering; a term with any other operator is an error. Which fields a kind supports is the API
 * server's business: this package parses and matches, given a function from field name to value.
 *
 * <h2>Escaping</h2>
 * Because {@code ,} separates terms and {@code =} separates a field from its value, a value
 * containing either writes them as {@code \,} and {@code \=}, and a backslash as {@code \\}:
 * {@code metadata.name=a\,b} selects the object named {@code a,b}.
 *
 * <p>Mirrors {@code k8s.io/apimachinery/pkg/fields} ({@code selector.go}).
 */
package io.tugboat.api.fields;
